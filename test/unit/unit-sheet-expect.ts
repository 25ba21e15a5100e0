// How the unit-sheet fixtures' expectations are compared, the same for the exceljs and the Office.js readers.
import type { LedgerRow } from "../../core/ledger/schema";
import type { Read } from "../fixtures/unit-sheets/sheets";

/** "H7" for a cell, "表" or "表「序号」" for the whole sheet. */
export function whereOf(finding: { row: number | null; column: string | null }, letter: string | undefined): string {
  if (finding.row === null) return finding.column ? `表「${finding.column}」` : "表";
  return `${letter ?? "?"}${finding.row}`;
}

/** What the rows at the expected sheet rows were read as: task, status, completion date, 续. */
export function readsOf(sheetRows: readonly number[], rows: readonly (LedgerRow | undefined)[], wanted: readonly number[]): Record<number, Read | undefined> {
  return Object.fromEntries(
    wanted.map((sheetRow) => {
      const row = rows[sheetRows.indexOf(sheetRow)];
      if (!row) return [sheetRow, undefined];
      const read: Read = [row.taskId, row.status];
      if (row.doneOn || row.continuation) read.push(row.doneOn);
      if (row.continuation) read.push("续");
      return [sheetRow, read];
    }),
  );
}
