// The Repository on DynamoDB, its one implementation: the only code that reads and writes the table. Key
// design: see keys.ts.
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  PutCommand,
  TransactWriteCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { HistoryEntry, PlanSummary } from "../../core/api/contract";
import type { LedgerRow, RowReview } from "../../core/ledger/schema";
import { rowKeys } from "../../core/ledger/row-key";
import { Plan } from "../../core/plan/schema";
import { chunkRows } from "./chunks";
import { keys, parseLedgerSk } from "./keys";
import type { Repository, SyncInput, SyncOutcome, UnitLedger, VersionedPlan } from "./repository";

const IDEMPOTENCY_DAYS = 7;
/** Rows of the largest accepted body (1 MiB) fit in 3 chunks; the rest is headroom. */
const MAX_CHUNKS = 6;

function parseRows(json: string): LedgerRow[] {
  return JSON.parse(json) as LedgerRow[];
}

/** Rows with the office's current reviews laid on them by row key. */
function withReviews(rows: LedgerRow[], reviews: Map<string, RowReview>): LedgerRow[] {
  if (reviews.size === 0) return rows;
  const keysOfRows = rowKeys(rows);
  return rows.map((row, i) => {
    const review = reviews.get(keysOfRows[i]!);
    return review ? { ...row, review } : row;
  });
}

export class DynamoRepository implements Repository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  // ------------------------------------------------------------------------------------------ plans

  async listPlans(): Promise<PlanSummary[]> {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": "PLANS" },
      ProjectionExpression: "planId, #year, title, version, updatedAt",
      ExpressionAttributeNames: { "#year": "year" },
    });
    return items.map((i) => ({ id: i.planId, year: i.year, title: i.title, version: i.version, updatedAt: i.updatedAt }));
  }

  async getPlan(planId: string, version?: number): Promise<VersionedPlan | undefined> {
    // The directory item carries the current version's body, so the usual read (the current plan) is one GetItem.
    const key = version === undefined ? keys.planDirectory(planId) : keys.planVersion(planId, version);
    const item = (await this.db.send(new GetCommand({ TableName: this.table, Key: key }))).Item;
    return item ? this.parsedPlan(planId, item.version ?? version, item.body) : undefined;
  }

  /** Published versions never change, so each is parsed once per process. */
  private readonly plans = new Map<string, VersionedPlan>();
  private parsedPlan(planId: string, version: number, body: string): VersionedPlan {
    const cacheKey = `${planId}\u0000${version}`;
    let plan = this.plans.get(cacheKey);
    if (!plan) {
      plan = { ...Plan.parse(JSON.parse(body)), version };
      this.plans.set(cacheKey, plan);
    }
    return plan;
  }

  /** A new version of the plan; every earlier version stays readable. */
  async publishPlan(plan: Plan, by: string, at: string): Promise<VersionedPlan> {
    const dir = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.planDirectory(plan.id) }));
    const previous = (dir.Item?.version as number | undefined) ?? 0;
    const version = previous + 1;
    const stored: VersionedPlan = { ...plan, version };
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.planDirectory(plan.id), planId: plan.id, year: plan.year, title: plan.title, version, updatedAt: at, updatedBy: by, body: JSON.stringify(stored) },
              ConditionExpression: previous ? "version = :previous" : "attribute_not_exists(pk)",
              ...(previous ? { ExpressionAttributeValues: { ":previous": previous } } : {}),
            },
          },
          { Put: { TableName: this.table, Item: { ...keys.planVersion(plan.id, version), version, body: JSON.stringify(stored), at, by } } },
        ],
      }),
    );
    return stored;
  }

  // ---------------------------------------------------------------------------------------- ledgers

  private assemble(items: Record<string, any>[]): Map<string, UnitLedger> {
    const heads = new Map<string, Record<string, any>>();
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

  /** Every unit's current ledger of a plan: one Query over the plan's partition, page by page. */
  async listLedgers(planId: string): Promise<UnitLedger[]> {
    const items = await this.queryAll({ KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": keys.ledgersPartition(planId) } });
    return [...this.assemble(items).values()];
  }

  /**
   * Applies a sync whole or not at all: one transaction writes the head (conditioned on the base version, so
   * two clerks of one unit can never overwrite each other), the current rows, the history version and the
   * idempotency record.
   */
  async syncLedger(input: SyncInput): Promise<SyncOutcome> {
    const { planId, unit, baseVersion, rows, findings, by, at } = input;
    const version = baseVersion + 1;
    const chunks = chunkRows(rows);
    if (chunks.length > MAX_CHUNKS) throw new Error(`ledger of ${chunks.length} chunks exceeds ${MAX_CHUNKS}`);
    const findingsJson = JSON.stringify(findings);
    const T = this.table;
    // No read first: the condition on the head's version decides, inside the same transaction that writes.
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]> = [
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
      // Index 1, whatever else follows: a newer plan published meanwhile cancels the sync.
      ...(input.planVersion === undefined
        ? []
        : [{ ConditionCheck: { TableName: T, Key: keys.planDirectory(planId), ConditionExpression: "version = :pv", ExpressionAttributeValues: { ":pv": input.planVersion } } }]),
      ...chunks.map((body, i) => ({ Put: { TableName: T, Item: { ...keys.ledgerChunk(planId, unit, i), body } } })),
      // Chunks a longer earlier version left behind; deleting an absent item is allowed and costs little.
      ...Array.from({ length: MAX_CHUNKS - chunks.length }, (_, i) => ({
        Delete: { TableName: T, Key: keys.ledgerChunk(planId, unit, chunks.length + i) },
      })),
      { Put: { TableName: T, Item: { ...keys.historyHead(planId, unit, version), version, at, by, rowCount: rows.length, chunks: chunks.length, findings: findingsJson } } },
      ...chunks.map((body, i) => ({ Put: { TableName: T, Item: { ...keys.historyChunk(planId, unit, version, i), body } } })),
    ];
    if (input.idempotency) {
      items.push({
        Put: {
          TableName: T,
          Item: {
            ...keys.idempotency(input.idempotency.sub, input.idempotency.key),
            planId,
            unit,
            version,
            expiresAt: Math.floor(Date.parse(at) / 1000) + IDEMPOTENCY_DAYS * 86400,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      });
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (input.idempotency && reasons[items.length - 1]?.Code === "ConditionalCheckFailed") {
        const replay = await this.idempotentVersion(input.idempotency.sub, input.idempotency.key);
        if (replay) return { kind: "replayed", version: replay.version };
      }
      if (reasons[0]?.Code === "ConditionalCheckFailed") return { kind: "stale", current: await this.getLedger(planId, unit) };
      if (input.planVersion !== undefined && reasons[1]?.Code === "ConditionalCheckFailed") return { kind: "plan-changed" };
      throw error;
    }
    return { kind: "accepted", ledger: { unit, version, updatedAt: at, updatedBy: by, findings, rows } };
  }

  async idempotentVersion(sub: string, key: string): Promise<{ planId: string; unit: string; version: number } | undefined> {
    const item = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.idempotency(sub, key), ConsistentRead: true }));
    return item.Item ? { planId: item.Item.planId, unit: item.Item.unit, version: item.Item.version } : undefined;
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

  /** The rows and findings a unit's ledger had at one version. */
  async ledgerAt(planId: string, unit: string, version: number): Promise<UnitLedger | undefined> {
    const prefix = keys.historyHead(planId, unit, version).sk.replace(/HEAD$/, "");
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.historyPartition(planId, unit), ":prefix": prefix },
    });
    const head = items.find((i) => i.sk.endsWith("#HEAD"));
    if (!head) return undefined;
    const rows = items.filter((i) => i.sk.includes("#ROWS#")).slice(0, head.chunks).flatMap((i) => parseRows(i.body));
    return { unit, version, updatedAt: head.at, updatedBy: head.by, findings: JSON.parse(head.findings ?? "[]"), rows };
  }

  async saveReview(planId: string, unit: string, rowKey: string, review: RowReview): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.review(planId, unit, rowKey), body: JSON.stringify(review) } }));
  }

  private async queryAll(input: Omit<QueryCommandInput, "TableName">): Promise<Record<string, any>[]> {
    const items: Record<string, any>[] = [];
    for await (const page of paginateQuery({ client: this.db }, { TableName: this.table, ...input })) items.push(...(page.Items ?? []));
    return items;
  }
}

