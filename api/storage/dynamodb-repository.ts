// The Repository on DynamoDB, its one implementation: the only code that reads and writes the table. Key
// design: see keys.ts. Every call goes through `call`, which turns "the database did not answer" (timeouts,
// refused connections, throttling, 5xx; the client's own timeouts and retries are in dynamodb-client.ts) into
// StorageUnavailable, so the app can say 503 instead of 500.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { HistoryEntry, PlanSummary } from "../../core/api/contract";
import type { LedgerRow, RowReview } from "../../core/ledger/schema";
import { Plan } from "../../core/plan/schema";
import { chunkRows } from "./chunks";
import { isUnavailable } from "./dynamodb-client";
import { keys, parseLedgerSk } from "./keys";
import { streamLedgers, type LedgerBatch, type LedgerStreamOptions } from "./ledger-stream";
import {
  StorageUnavailable,
  type IdempotencyClaim,
  type Repository,
  type SyncInput,
  type SyncOutcome,
  type UnitLedger,
  type VersionedPlan,
} from "./repository";
import { rowContentKey, withReviews } from "./reviews";
import { Slots } from "./slots";

const IDEMPOTENCY_DAYS = 7;
/** Rows of the largest accepted body (1 MiB) fit in 3 chunks; the rest is headroom. */
const MAX_CHUNKS = 6;
/** A sync that keeps meeting another transaction on the same items waits this many times before saying 处理中. */
const CONFLICT_RETRIES = 8;
/** How long /health waits for the table. */
const PING_MS = 2_000;
/** Database calls in flight at once, and how long one may wait for its turn (see slots.ts). */
const SLOTS = 8;
const SLOT_WAIT_MS = 4_000;

type Item = Record<string, any>;

/** The syncs of one unit under way in this process, one after another, and what the last one found. */
interface Lane {
  tail: Promise<void>;
  syncs: number;
  /** The unit's ledger as the last sync in the lane wrote or found it. */
  last?: UnitLedger;
  /** The database did not answer the last one: the rest of the lane is told at once, not after a timeout each. */
  down?: StorageUnavailable;
}
type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]>;

export interface DynamoRepositoryOptions {
  /**
   * How long the plan directory (ids, titles, current versions) is reused before it is read again. Plans change a
   * few times a year and every sync re-checks the current version inside its own transaction, so a directory a
   * moment old costs at most one 409 "方案已更新"; reading it on every GET /plans would put the database on the
   * path of the most frequent request there is.
   */
  planDirectoryTtlMs?: number;
  /**
   * Read back after every transaction before answering. For DynamoDB Local on disk only: it answers a
   * TransactWriteItems before its SQLite commit is done (measured: killed with SIGKILL right after the answer,
   * the last acknowledged transaction is gone on restart; with one read after it, never), so without this an
   * acknowledged sync could be lost. DynamoDB itself has written a transaction when it answers.
   */
  confirmWrites?: boolean;
}

function parseRows(json: string): LedgerRow[] {
  return JSON.parse(json) as LedgerRow[];
}

export class DynamoRepository implements Repository {
  private readonly directoryTtlMs: number;
  private readonly confirmWrites: boolean;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
    options: DynamoRepositoryOptions = {},
  ) {
    this.directoryTtlMs = options.planDirectoryTtlMs ?? 2_000;
    this.confirmWrites = options.confirmWrites ?? false;
  }

  private readonly slots = new Slots(SLOTS);

  /** Runs one database call; an unreachable, slow or overloaded database becomes StorageUnavailable. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    const release = await this.slots.acquire(SLOT_WAIT_MS).catch((error) => {
      throw new StorageUnavailable(error);
    });
    try {
      return await run();
    } catch (error) {
      throw isUnavailable(error) ? new StorageUnavailable(error) : error;
    } finally {
      release();
    }
  }

  private get(key: Item, consistent = false): Promise<Item | undefined> {
    return this.call(async () => (await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: consistent }))).Item);
  }

  private queryAll(input: Omit<QueryCommandInput, "TableName">): Promise<Item[]> {
    return this.call(async () => {
      const items: Item[] = [];
      for await (const page of paginateQuery({ client: this.db }, { TableName: this.table, ...input })) items.push(...(page.Items ?? []));
      return items;
    });
  }

  async ping(): Promise<void> {
    try {
      await this.db.send(new GetCommand({ TableName: this.table, Key: keys.health() }), { abortSignal: AbortSignal.timeout(PING_MS) });
    } catch (error) {
      throw new StorageUnavailable(error);
    }
  }

  // ------------------------------------------------------------------------------------------ plans

  /** The directory, shared by concurrent callers while it is being read. */
  private directory?: { readAt: number; entries: Promise<Map<string, PlanSummary>> };

  private directoryEntries(): Promise<Map<string, PlanSummary>> {
    if (!this.directory || Date.now() - this.directory.readAt > this.directoryTtlMs) {
      const entries = this.queryAll({
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": "PLANS" },
        ProjectionExpression: "planId, #year, title, version, updatedAt",
        ExpressionAttributeNames: { "#year": "year" },
      }).then((items) => new Map(items.map((i) => [i.planId as string, { id: i.planId, year: i.year, title: i.title, version: i.version, updatedAt: i.updatedAt }])));
      const directory = { readAt: Date.now(), entries };
      this.directory = directory;
      entries.catch(() => {
        if (this.directory === directory) this.directory = undefined;
      });
    }
    return this.directory.entries;
  }

  async listPlans(): Promise<PlanSummary[]> {
    return [...(await this.directoryEntries()).values()];
  }

  async getPlan(planId: string, version?: number): Promise<VersionedPlan | undefined> {
    if (version === undefined) {
      // A plan published moments ago by another instance is not in this one's directory yet: ask the table.
      const entry = (await this.directoryEntries()).get(planId) ?? (await this.get(keys.planDirectory(planId)));
      if (!entry) return undefined;
      version = entry.version as number;
    }
    const cached = this.plans.get(`${planId}\u0000${version}`);
    if (cached) return cached;
    const item = await this.get(keys.planVersion(planId, version));
    return item ? this.remember(planId, version, item.body) : undefined;
  }

  /** Published versions never change, so each is read and parsed once per process. */
  private readonly plans = new Map<string, VersionedPlan>();
  private remember(planId: string, version: number, body: string | VersionedPlan): VersionedPlan {
    const plan: VersionedPlan = typeof body === "string" ? { ...Plan.parse(JSON.parse(body)), version } : body;
    this.plans.set(`${planId}\u0000${version}`, plan);
    return plan;
  }

  async publishPlan(plan: Plan, by: string, at: string): Promise<VersionedPlan> {
    const previous = ((await this.get(keys.planDirectory(plan.id), true))?.version as number | undefined) ?? 0;
    const version = previous + 1;
    const stored: VersionedPlan = { ...plan, version };
    await this.call(() =>
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...keys.planDirectory(plan.id), planId: plan.id, year: plan.year, title: plan.title, version, updatedAt: at, updatedBy: by },
                ConditionExpression: previous ? "version = :previous" : "attribute_not_exists(pk)",
                ...(previous ? { ExpressionAttributeValues: { ":previous": previous } } : {}),
              },
            },
            { Put: { TableName: this.table, Item: { ...keys.planVersion(plan.id, version), version, body: JSON.stringify(stored), at, by } } },
          ],
        }),
      ),
    );
    if (this.confirmWrites) await this.get(keys.planDirectory(plan.id), true);
    this.directory = undefined;
    return this.remember(plan.id, version, stored);
  }

  // ---------------------------------------------------------------------------------------- ledgers

  private assemble(items: Item[]): Map<string, UnitLedger> {
    const heads = new Map<string, Item>();
    const chunks = new Map<string, string[]>();
    const reviews = new Map<string, Map<string, RowReview>>();
    for (const item of items) {
      const sk = parseLedgerSk(item.sk);
      if (!sk) continue;
      if (sk.kind === "HEAD") heads.set(sk.unit, item);
      else if (sk.kind === "ROWS") (chunks.get(sk.unit) ?? chunks.set(sk.unit, []).get(sk.unit)!).push(item.body);
      else (reviews.get(sk.unit) ?? reviews.set(sk.unit, new Map()).get(sk.unit)!).set(sk.rest, JSON.parse(item.body));
    }
    const ledgers = new Map<string, UnitLedger>();
    for (const [unit, head] of heads) {
      // Chunks come in sk order; a chunk beyond the head's count is a leftover the next sync deletes.
      const rows = (chunks.get(unit) ?? []).slice(0, head.chunks).flatMap(parseRows);
      ledgers.set(unit, {
        unit,
        version: head.version,
        firstSyncAt: head.firstSyncAt,
        updatedAt: head.updatedAt,
        updatedBy: head.updatedBy,
        findings: JSON.parse(head.findings ?? "[]"),
        rows: withReviews(rows, reviews.get(unit) ?? new Map()),
      });
    }
    return ledgers;
  }

  async getLedger(planId: string, unit: string): Promise<UnitLedger | undefined> {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.ledgersPartition(planId), ":prefix": keys.unitPrefix(unit) },
      ConsistentRead: true,
    });
    return this.assemble(items).get(unit);
  }

  ledgerStream(planId: string, options: LedgerStreamOptions = {}): AsyncGenerator<LedgerBatch> {
    const { after } = options;
    return streamLedgers(
      (start) =>
        this.call(() =>
          this.db.send(
            new QueryCommand({
              TableName: this.table,
              KeyConditionExpression: after === undefined ? "pk = :pk" : "pk = :pk AND sk > :after",
              ExpressionAttributeValues: { ":pk": keys.ledgersPartition(planId), ...(after === undefined ? {} : { ":after": after }) },
              // What assemble reads, without the stored findings none of these readers shows.
              ProjectionExpression: "sk, #version, #chunks, #firstSyncAt, #updatedAt, #body",
              ExpressionAttributeNames: { "#version": "version", "#chunks": "chunks", "#firstSyncAt": "firstSyncAt", "#updatedAt": "updatedAt", "#body": "body" },
              ExclusiveStartKey: start,
            }),
          ),
        ),
      (items) => this.assemble(items),
      options,
    );
  }

  private async reviewsOf(planId: string, unit: string): Promise<Map<string, RowReview>> {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.ledgersPartition(planId), ":prefix": keys.reviewPrefix(unit) },
    });
    return new Map(items.map((i) => [parseLedgerSk(i.sk)!.rest, JSON.parse(i.body) as RowReview]));
  }

  /**
   * Syncs of one unit that reach this process together take turns (a lane per unit): at most one of them can be
   * written, and once it is, every other one that started from an older version is stale without asking the
   * database again. So 100 clerks of a unit pressing 同步 at once cost one transaction, not a queue of 100 in
   * DynamoDB Local; and when the database is down, the rest of the lane hears so at once. A lane lives while it
   * has syncs in it; across processes (Lambda instances) the transaction's conditions decide, as always.
   */
  private readonly lanes = new Map<string, Lane>();

  async syncLedger(input: SyncInput): Promise<SyncOutcome> {
    const name = `${input.planId}\u0000${input.unit}`;
    let lane = this.lanes.get(name);
    if (!lane) this.lanes.set(name, (lane = { tail: Promise.resolve(), syncs: 0 }));
    const own = lane;
    own.syncs++;
    const turn = own.tail.then(() => this.syncInLane(own, input));
    own.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    let outcome: SyncOutcome | { kind: "behind"; current: UnitLedger };
    try {
      outcome = await turn;
    } finally {
      if (--own.syncs === 0 && this.lanes.get(name) === own) this.lanes.delete(name);
    }
    if (outcome.kind !== "behind") return outcome;
    // Written meanwhile by a sync before this one; only a retry of an earlier request is not stale. Asked
    // after leaving the lane, so the syncs behind this one do not wait for the answer.
    if (input.idempotency) {
      const earlier = await this.idempotencyRecord(input.idempotency, Math.floor(Date.parse(input.at) / 1000));
      if (earlier) return earlier.fingerprint === input.idempotency.fingerprint ? { kind: "replayed", ledger: await this.answerOf(input.planId, input.unit, earlier.version) } : { kind: "key-reused" };
    }
    return { kind: "stale", current: outcome.current };
  }

  private async syncInLane(lane: Lane, input: SyncInput): Promise<SyncOutcome | { kind: "behind"; current: UnitLedger }> {
    if (lane.down) throw lane.down;
    if (lane.last && input.baseVersion < lane.last.version) return { kind: "behind", current: lane.last };
    try {
      const outcome = await this.write(input);
      if (outcome.kind === "accepted" || outcome.kind === "replayed") lane.last = outcome.ledger;
      else if (outcome.kind === "stale" && outcome.current) lane.last = outcome.current;
      return outcome;
    } catch (error) {
      if (error instanceof StorageUnavailable) lane.down = error;
      throw error;
    }
  }

  /** Applies a sync whole or not at all (syncTransaction), and says what became of it. */
  private async write(input: SyncInput): Promise<SyncOutcome> {
    const { planId, unit, rows, findings, by, at, idempotency } = input;
    const version = input.baseVersion + 1;
    const items = syncTransaction(this.table, input);
    const now = Math.floor(Date.parse(at) / 1000);
    // The reviews are read while the transaction runs, for the answer; a review given meanwhile shows on the next read.
    const reviewsRead = this.reviewsOf(planId, unit).catch(() => new Map<string, RowReview>());
    // One token for every attempt: DynamoDB applies a transaction once per token, so a retry after a lost answer
    // cannot write a second time.
    const token = randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.call(() => this.db.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token })));
        if (this.confirmWrites) await this.get(keys.ledgerHead(planId, unit), true);
        return { kind: "accepted", ledger: { unit, version, updatedAt: at, updatedBy: by, findings, rows: withReviews(rows, await reviewsRead) } };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (idempotency && reasons[items.length - 1]?.Code === "ConditionalCheckFailed") {
          const earlier = await this.idempotencyRecord(idempotency, now);
          if (earlier) return earlier.fingerprint === idempotency.fingerprint ? { kind: "replayed", ledger: await this.answerOf(planId, unit, earlier.version) } : { kind: "key-reused" };
        } else if (reasons.some((r) => r.Code === "TransactionConflict")) {
          // Another transaction on the same items (the same key, or the same unit) is under way: wait for it
          // to land, then this one's conditions say what it is (a replay, stale, or free to go).
        } else if (reasons[0]?.Code === "ConditionalCheckFailed") {
          return { kind: "stale", current: await this.getLedger(planId, unit) };
        } else if (reasons[1]?.Code === "ConditionalCheckFailed") {
          this.directory = undefined;
          return { kind: "plan-changed" };
        } else throw error;
        if (attempt >= CONFLICT_RETRIES) return { kind: "in-progress" };
        await sleep(Math.min(400, 25 * 2 ** attempt) * (0.5 + Math.random()));
      }
    }
  }

  private async idempotencyRecord(claim: IdempotencyClaim, now: number): Promise<{ fingerprint: string; version: number } | undefined> {
    const item = await this.get(keys.idempotency(claim.sub, claim.key), true);
    return item && item.expiresAt >= now ? { fingerprint: item.fingerprint, version: item.version } : undefined;
  }

  /** The answer a sync that made `version` gave: that version's rows, with the reviews their content has now. */
  private async answerOf(planId: string, unit: string, version: number): Promise<UnitLedger> {
    const [ledger, reviews] = await Promise.all([this.ledgerAt(planId, unit, version), this.reviewsOf(planId, unit)]);
    if (!ledger) throw new Error(`history of ${planId}/${unit} lacks version ${version}`);
    return { ...ledger, rows: withReviews(ledger.rows, reviews) };
  }

  async history(planId: string, unit: string): Promise<HistoryEntry[]> {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.historyPartition(planId, unit) },
      ProjectionExpression: "sk, version, #at, #by, rowCount",
      ExpressionAttributeNames: { "#at": "at", "#by": "by" },
    });
    return items.filter((i) => i.sk.endsWith("#HEAD")).map((i) => ({ version: i.version, at: i.at, by: i.by, rowCount: i.rowCount }));
  }

  async ledgerAt(planId: string, unit: string, version: number): Promise<UnitLedger | undefined> {
    const prefix = keys.historyHead(planId, unit, version).sk.replace(/HEAD$/, "");
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.historyPartition(planId, unit), ":prefix": prefix },
      ConsistentRead: true,
    });
    const head = items.find((i) => i.sk.endsWith("#HEAD"));
    if (!head) return undefined;
    const rows = items.filter((i) => i.sk.includes("#ROWS#")).slice(0, head.chunks).flatMap((i) => parseRows(i.body));
    return { unit, version, updatedAt: head.at, updatedBy: head.by, findings: JSON.parse(head.findings ?? "[]"), rows };
  }

  async saveReview(planId: string, unit: string, row: LedgerRow, review: RowReview): Promise<void> {
    await this.call(() =>
      this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.review(planId, unit, rowContentKey(row)), body: JSON.stringify(review) } })),
    );
  }
}

/**
 * The one transaction a sync is: the head (conditioned on the base version, so two clerks of one unit can never
 * overwrite each other), a check that the plan is still the version the rows were checked against, the current
 * rows, the history version and the idempotency record (conditioned on the key being new, so one key is executed
 * once however many requests carry it at the same moment). The head is first, the plan check second and the
 * idempotency record last: syncLedger reads the cancellation reasons by those places.
 */
export function syncTransaction(table: string, input: SyncInput): TransactItems {
  const { planId, unit, baseVersion, rows, findings, by, at, idempotency } = input;
  const version = baseVersion + 1;
  const chunks = chunkRows(rows);
  if (chunks.length > MAX_CHUNKS) throw new Error(`ledger of ${chunks.length} chunks exceeds ${MAX_CHUNKS}`);
  const findingsJson = JSON.stringify(findings);
  const T = table;
  const items: TransactItems = [
    {
      Update: {
        TableName: T,
        Key: keys.ledgerHead(planId, unit),
        UpdateExpression:
          "SET #unit = :unit, version = :version, chunks = :chunks, rowCount = :rowCount, firstSyncAt = if_not_exists(firstSyncAt, :at), updatedAt = :at, updatedBy = :by, findings = :findings",
        ConditionExpression: baseVersion === 0 ? "attribute_not_exists(pk)" : "version = :base",
        ExpressionAttributeNames: { "#unit": "unit" },
        ExpressionAttributeValues: {
          ":unit": unit,
          ":version": version,
          ":chunks": chunks.length,
          ":rowCount": rows.length,
          ":at": at,
          ":by": by,
          ":findings": findingsJson,
          ...(baseVersion === 0 ? {} : { ":base": baseVersion }),
        },
      },
    },
    // The small directory item, not the plan's body: a newer plan published meanwhile cancels the sync.
    { ConditionCheck: { TableName: T, Key: keys.planDirectory(planId), ConditionExpression: "version = :pv", ExpressionAttributeValues: { ":pv": input.planVersion } } },
    ...chunks.map((body, i) => ({ Put: { TableName: T, Item: { ...keys.ledgerChunk(planId, unit, i), body } } })),
    // Chunks a longer earlier version left behind; deleting an absent item is allowed and costs little.
    ...Array.from({ length: MAX_CHUNKS - chunks.length }, (_, i) => ({
      Delete: { TableName: T, Key: keys.ledgerChunk(planId, unit, chunks.length + i) },
    })),
    { Put: { TableName: T, Item: { ...keys.historyHead(planId, unit, version), version, at, by, rowCount: rows.length, chunks: chunks.length, findings: findingsJson } } },
    ...chunks.map((body, i) => ({ Put: { TableName: T, Item: { ...keys.historyChunk(planId, unit, version, i), body } } })),
  ];
  if (idempotency) {
    const now = Math.floor(Date.parse(at) / 1000);
    items.push({
      Put: {
        TableName: T,
        Item: { ...keys.idempotency(idempotency.sub, idempotency.key), fingerprint: idempotency.fingerprint, planId, unit, version, at, expiresAt: now + IDEMPOTENCY_DAYS * 86400 },
        // TTL deletes late (up to days after expiry), so an expired record counts as gone.
        ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :now",
        ExpressionAttributeValues: { ":now": now },
      },
    });
  }
  return items;
}
