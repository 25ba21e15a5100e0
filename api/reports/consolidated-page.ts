// One page of the consolidated JSON: whole units in storage order, at most PAGE_MAX_BYTES of rows. The bound is
// in bytes, not units, because a unit may keep 1,000 long rows: a Lambda reply stops at 6 MB and Excel on the web
// refuses a request over 5 MB, and the task pane writes a page in one request. 2 MB leaves room for both, even if
// every Chinese character went over the wire as a six-byte \u escape. A unit larger than a page is the one thing
// split: its rows continue at the top of the next page.
import type { ConsolidatedPage } from "../../core/api/contract";
import { wrappingBytes, type LedgerBatch, type StreamedLedger } from "../storage/ledger-stream";

export const PAGE_MAX_BYTES = 2 * 1024 * 1024;

/** DynamoDB answers a Query with at most 1 MB of items, so reading one more Query page may add up to this much. */
const QUERY_PAGE_BYTES = 1024 * 1024;

/**
 * Where a page starts: after a storage key, then past `units` whole units and `rows` rows of the next. A read
 * can resume after a unit's key only once every unit released with it has been handed out (see ledger-stream.ts),
 * so the counts say how far into such a run, or into a unit split over pages, the last page got.
 */
export interface PageStart {
  after?: string;
  units: number;
  rows: number;
}

type ReplyLedger = ConsolidatedPage["ledgers"][number];

const rowBytes = (row: unknown) => Buffer.byteLength(JSON.stringify(row)) + 1;

function reply(ledger: StreamedLedger, rows: StreamedLedger["rows"], continues: boolean): ReplyLedger {
  return {
    unit: ledger.unit,
    version: ledger.version,
    ...(ledger.updatedAt ? { updatedAt: ledger.updatedAt } : {}),
    rows,
    ...(continues ? { continues: true as const } : {}),
  };
}

/**
 * Reads units from `batches` (a stream that starts after `start.after`) until a page is full, and says where the
 * next page starts. Reading stops once another Query page could overflow this one, so what is read and not sent
 * is at most the units of one Query page, read again for the next.
 */
export async function readPage(
  batches: AsyncIterable<LedgerBatch>,
  start: PageStart,
  maxBytes = PAGE_MAX_BYTES,
): Promise<{ ledgers: ReplyLedger[]; next?: PageStart }> {
  const read: StreamedLedger[] = [];
  let fresh = 0;
  let more = false;
  for await (const batch of batches) {
    for (const ledger of batch.ledgers) {
      if (read.length >= start.units) fresh += ledger.bytes;
      read.push(ledger);
    }
    more = batch.more;
    // A Query page may complete no unit at all (one unit's items can span several): read on until one does.
    if (read.length > start.units && fresh > maxBytes - QUERY_PAGE_BYTES) break;
  }

  const ledgers: ReplyLedger[] = [];
  let used = 0;
  /** The last unit the page reaches into, and how many of its rows have then been handed out. */
  let end: { index: number; rows: number } | undefined;
  for (let i = start.units; i < read.length; i++) {
    const ledger = read[i]!;
    const from = i === start.units ? Math.min(start.rows, ledger.rows.length) : 0;
    const rows = from ? ledger.rows.slice(from) : ledger.rows;
    const size = from ? wrappingBytes(ledger.unit) + rows.reduce((n, row) => n + rowBytes(row), 0) : ledger.bytes;
    if (ledgers.length > 0 && used + size > maxBytes) break;
    if (size > maxBytes) {
      // Too large for a page of its own: as many of its rows as fit (one at least), the rest on the next page.
      let fit = 0;
      for (let bytes = wrappingBytes(ledger.unit); fit < rows.length && (fit === 0 || bytes + rowBytes(rows[fit]) <= maxBytes); fit++) bytes += rowBytes(rows[fit]);
      if (fit < rows.length) {
        ledgers.push(reply(ledger, rows.slice(0, fit), true));
        end = { index: i, rows: from + fit };
        break;
      }
    }
    ledgers.push(reply(ledger, rows, false));
    used += size;
    end = { index: i, rows: ledger.rows.length };
  }
  if (!end) return { ledgers };

  const last = read[end.index]!;
  const unitDone = end.rows >= last.rows.length;
  const runDone = unitDone && read[end.index + 1]?.resumeAfter !== last.resumeAfter;
  if (runDone) return { ledgers, ...(end.index + 1 < read.length || more ? { next: { after: last.resumeAfter, units: 0, rows: 0 } } : {}) };
  // Inside a run of units released together, or inside one unit: count from where the run began.
  let first = end.index;
  while (first > 0 && read[first - 1]!.resumeAfter === last.resumeAfter) first--;
  const after = first === 0 ? start.after : read[first - 1]!.resumeAfter;
  return { ledgers, next: { after, units: end.index - first + (unitDone ? 1 : 0), rows: unitDone ? 0 : end.rows } };
}
