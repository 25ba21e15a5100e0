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
  bytes: number;
  /** The sort key a read resumes after once this unit, and every unit before it, has been taken. */
  resumeAfter: string;
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
  /** Row chunks the head says the current version has, and how many of them have been read. */
  chunks: number;
  read: number;
  bytes: number;
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
    const ledgers = complete.map((unit) => ({ ...assemble(unit.items).get(unit.unit)!, bytes: unit.bytes, resumeAfter }));
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
        unit = { unit: sk.unit, items: [item], chunks: Number(item.chunks ?? 0), read: 0, bytes: wrappingBytes(sk.unit) };
        open.set(sk.unit, unit);
      } else if (unit) {
        unit.items.push(item);
        if (sk.kind === "REVIEW") unit.bytes += Buffer.byteLength(item.body ?? "") + 12;
        else if (Number(sk.rest) < unit.chunks) {
          unit.bytes += Buffer.byteLength(item.body ?? "");
          unit.read++;
        }
      } else continue;
      if (unit.read >= unit.chunks) {
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
