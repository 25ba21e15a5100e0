// A plan's current ledgers read in storage order, one DynamoDB Query page at a time, handed on as whole units.
// The consolidated pages, the streamed .xlsx and the office's status all read through this, so none of them ever
// holds a plan's 1,000 ledgers in memory at once, and the .xlsx is written while the next page is on its way.
import type { StoredLedger } from "../../core/merge/consolidate";
import { parseLedgerSk } from "./keys";

type Item = Record<string, any>;

/** One Query page as DynamoDB answers it. */
export interface QueryPage {
  Items?: Item[];
  LastEvaluatedKey?: Item;
}

export interface StreamedLedger extends StoredLedger {
  /** About what it adds to a JSON reply, in UTF-8 bytes: its rows and reviews as stored, and a little wrapping. */
  readonly bytes: number;
  /** The sort key a read resumes after once this unit, and every unit before it, has been taken. */
  readonly resumeAfter: string;
  /**
   * Its rows as JSON text. The stored chunks are that JSON already, so a reply that only passes the rows on takes
   * them as they are instead of parsing and writing them again (most of what a 1,000-unit read costs beyond the
   * Query itself); only a unit the office has reviewed is parsed, to lay the reviews on its rows as getLedger does.
   */
  readonly rowsJson: string;
}

export interface LedgerBatch {
  /** Units completed by this Query page, in storage order. */
  ledgers: StreamedLedger[];
  /** Whether later Query pages may hold further units. */
  more: boolean;
}

export interface LedgerStreamOptions {
  /** Resume after this sort key (a `resumeAfter` handed out before); from the plan's first unit when absent. */
  after?: string;
  /**
   * Ask for the next Query page before handing this one on, so that the reader's work (writing an .xlsx) and the
   * database's overlap. Off for a reader that stops early, which would leave a page read for nothing.
   */
  prefetch?: boolean;
}

/** What a JSON reply adds around a unit's rows: its name, version and time. */
export const wrappingBytes = (unit: string) => 96 + Buffer.byteLength(unit);

interface OpenUnit {
  unit: string;
  items: Item[];
  /** Row chunks the head says the current version has, and the bodies of those read so far. */
  chunks: number;
  bodies: string[];
  reviewed: boolean;
  bytes: number;
}

/** The rows of chunks as chunks.ts writes them ("[a,b]", "[c]"), joined as JSON text ("[a,b,c]") unparsed. */
function joinChunks(bodies: readonly string[]): string {
  return `[${bodies.map((body) => body.slice(1, -1)).filter(Boolean).join(",")}]`;
}

/** A unit as read: parsed only if its rows are asked for, and then once. */
class StreamedUnit implements StreamedLedger {
  readonly unit: string;
  readonly bytes: number;
  private readonly open: OpenUnit;
  private parsed: StoredLedger | undefined;

  constructor(
    open: OpenUnit,
    readonly resumeAfter: string,
    private readonly assemble: (items: Item[]) => Map<string, StoredLedger>,
  ) {
    this.open = open;
    this.unit = open.unit;
    this.bytes = open.bytes;
  }

  // The head's fields as the repository's assemble reads them, without parsing the rows.
  get version(): number {
    return this.open.items[0]!.version;
  }
  get firstSyncAt(): string | undefined {
    return this.open.items[0]!.firstSyncAt;
  }
  get updatedAt(): string | undefined {
    return this.open.items[0]!.updatedAt;
  }
  get rows() {
    this.parsed ??= this.assemble(this.open.items).get(this.unit)!;
    return this.parsed.rows;
  }
  get rowsJson(): string {
    // A stored row never carries a review of its own, but rows stored before the server refused them might: the
    // repository drops those (reviews.ts), so such a unit goes the parsed way too. In JSON text a key reads
    // "review": only as a key; inside a string its quotes would be escaped.
    const asStored = !this.open.reviewed && !this.open.bodies.some((body) => body.includes('"review":'));
    return asStored ? joinChunks(this.open.bodies) : JSON.stringify(this.rows);
  }
}

/**
 * Units from the items of a plan's ledger partition as they arrive in sort-key order, each handed on when its head
 * and every row chunk it names have been read (a unit's reviews sort between the two). Units complete in key
 * order, so a read can always resume after the last unit handed on. Items of no unit being read (a chunk a longer
 * earlier version left behind, a review of a unit that never synced) are passed over, as a whole-plan read does.
 * `assemble` turns one unit's items into its ledger, the same way a read of one unit does.
 */
export async function* streamLedgers(
  readPage: (exclusiveStartKey: Item | undefined) => Promise<QueryPage>,
  assemble: (items: Item[]) => Map<string, StoredLedger>,
  options: LedgerStreamOptions = {},
): AsyncGenerator<LedgerBatch> {
  const open = new Map<string, OpenUnit>();
  // Completed, but handed on only where every unit started so far is complete: should a unit's name contain "#",
  // its keys can sort among another unit's, and a read must not resume between them.
  let complete: OpenUnit[] = [];
  let lastKey: string | undefined;

  const release = (resumeAfter: string): StreamedLedger[] => {
    const ledgers = complete.map((unit) => new StreamedUnit(unit, resumeAfter, assemble));
    complete = [];
    return ledgers;
  };

  let pending: Promise<QueryPage> | undefined = readPage(undefined);
  while (pending) {
    const page: QueryPage = await pending;
    const next = page.LastEvaluatedKey;
    pending = next && options.prefetch ? readPage(next) : undefined;

    const ledgers: StreamedLedger[] = [];
    for (const item of page.Items ?? []) {
      lastKey = item.sk;
      const sk = parseLedgerSk(item.sk);
      if (!sk) continue;
      let unit = open.get(sk.unit);
      if (sk.kind === "HEAD") {
        unit = { unit: sk.unit, items: [item], chunks: Number(item.chunks ?? 0), bodies: [], reviewed: false, bytes: wrappingBytes(sk.unit) };
        open.set(sk.unit, unit);
      } else if (unit) {
        unit.items.push(item);
        if (sk.kind === "REVIEW") {
          unit.reviewed = true;
          unit.bytes += Buffer.byteLength(item.body ?? "") + 12;
        } else if (Number(sk.rest) < unit.chunks) {
          unit.bytes += Buffer.byteLength(item.body ?? "");
          unit.bodies.push(item.body ?? "[]");
        }
      } else continue;
      if (unit.bodies.length >= unit.chunks) {
        open.delete(unit.unit);
        complete.push(unit);
        if (open.size === 0) ledgers.push(...release(item.sk));
      }
    }
    if (!next) {
      // The partition is read to its end: a unit whose chunks never came is handed on with the rows it has.
      complete.push(...open.values());
      open.clear();
      if (complete.length) ledgers.push(...release(lastKey!));
    }
    yield { ledgers, more: next !== undefined };
    if (next && !pending) pending = readPage(next);
  }
}
