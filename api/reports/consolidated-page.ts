// One page of the consolidated JSON: whole units in storage order, at most PAGE_MAX_BYTES of rows. The bound is
// in bytes, not units, because a unit may keep 1,000 long rows: a Lambda reply stops at 6 MB and Excel on the web
// refuses a request over 5 MB, and the task pane writes a page in one request. 2 MB leaves room for both, even if
// every Chinese character went over the wire as a six-byte \u escape (test/unit/addin-office-pull.test.ts writes
// such a page). A unit larger than a page is the one thing split: its rows continue at the top of the next page.
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

const rowBytes = (row: unknown) => Buffer.byteLength(JSON.stringify(row)) + 1;

/**
 * A unit as the page's JSON carries it (ConsolidatedPage's UnitLedger), written as text so the rows go out as the
 * storage holds them (StreamedLedger.rowsJson).
 */
function unitJson(ledger: StreamedLedger, rowsJson: string, continues: boolean): string {
  const updatedAt = ledger.updatedAt ? `,"updatedAt":${JSON.stringify(ledger.updatedAt)}` : "";
  return `{"unit":${JSON.stringify(ledger.unit)},"version":${JSON.stringify(ledger.version)}${updatedAt},"rows":${rowsJson}${continues ? `,"continues":true` : ""}}`;
}

/**
 * Reads units from `batches` (a stream that starts after `start.after`) until a page is full: each unit's JSON,
 * and where the next page starts. Reading stops once another Query page could overflow this one, so a page is
 * mostly what one Query page holds (about 1 MB) and what is read but not sent is at most one unit's items.
 */
export async function readPage(
  batches: AsyncIterable<LedgerBatch>,
  start: PageStart,
  maxBytes = PAGE_MAX_BYTES,
): Promise<{ ledgers: string[]; next?: PageStart }> {
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

  const ledgers: string[] = [];
  let used = 0;
  /** The last unit the page reaches into, and the rows of it handed out so far when it is not all out. */
  let end: { index: number; partRows?: number } | undefined;
  for (let i = start.units; i < read.length; i++) {
    const ledger = read[i]!;
    // Only a unit split over pages is parsed here; any other goes out as its stored JSON.
    const from = i === start.units && start.rows > 0 ? Math.min(start.rows, ledger.rows.length) : 0;
    const rows = from ? ledger.rows.slice(from) : undefined;
    const size = rows ? wrappingBytes(ledger.unit) + rows.reduce((n, row) => n + rowBytes(row), 0) : ledger.bytes;
    if (ledgers.length > 0 && used + size > maxBytes) break;
    if (size > maxBytes) {
      // Too large for a page of its own: as many of its rows as fit (one at least), the rest on the next page.
      const all = rows ?? ledger.rows;
      let fit = 0;
      for (let bytes = wrappingBytes(ledger.unit); fit < all.length && (fit === 0 || bytes + rowBytes(all[fit]) <= maxBytes); fit++) bytes += rowBytes(all[fit]);
      if (fit < all.length) {
        ledgers.push(unitJson(ledger, JSON.stringify(all.slice(0, fit)), true));
        end = { index: i, partRows: from + fit };
        break;
      }
    }
    ledgers.push(unitJson(ledger, rows ? JSON.stringify(rows) : ledger.rowsJson, false));
    used += size;
    end = { index: i };
  }
  if (!end) return { ledgers };

  const last = read[end.index]!;
  const unitDone = end.partRows === undefined;
  const runDone = unitDone && read[end.index + 1]?.resumeAfter !== last.resumeAfter;
  if (runDone) return { ledgers, ...(end.index + 1 < read.length || more ? { next: { after: last.resumeAfter, units: 0, rows: 0 } } : {}) };
  // Inside a run of units released together, or inside one unit: count from where the run began.
  let first = end.index;
  while (first > 0 && read[first - 1]!.resumeAfter === last.resumeAfter) first--;
  const after = first === 0 ? start.after : read[first - 1]!.resumeAfter;
  return { ledgers, next: { after, units: end.index - first + (unitDone ? 1 : 0), rows: end.partRows ?? 0 } };
}
