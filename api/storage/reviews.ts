// The office reviews a row's content, not a place in the sheet. A review is kept under the row's task and a
// hash of the unit's own cells it was given on, and shown on whichever current row has exactly that content:
// rows the clerk inserts, deletes or moves around it do not carry it off to another row, and once the clerk
// changes the row itself the review no longer shows (the office reviews the new content). Reverting the row
// brings it back. Nothing is rewritten when rows move, so a sync never has to touch the reviews.
import { createHash } from "node:crypto";
import { clerkCells, type LedgerRow, type RowReview } from "../../core/ledger/schema";

/** "<taskId>#<hash of the unit's cells>": the identity a review is kept under. */
export function rowContentKey(row: LedgerRow): string {
  const hash = createHash("sha256").update(JSON.stringify(clerkCells(row))).digest("base64url").slice(0, 22);
  return `${row.taskId}#${hash}`;
}

/** The rows, each with the review given on its exact content (and none it might have carried in). */
export function withReviews(rows: readonly LedgerRow[], reviews: ReadonlyMap<string, RowReview>): LedgerRow[] {
  return rows.map((row) => {
    const { review: _ignored, ...own } = row;
    const review = reviews.size ? reviews.get(rowContentKey(own)) : undefined;
    return review ? { ...own, review } : own;
  });
}
