// 报送 on a unit's own sheet: the server's rows go back into the sheet as it is. Rows pair by task (rowKeys), and
// only a cell whose meaning changed is written (a row the other clerk changed, a conflict settled for the
// server's side); a 是 stays 是, a 6月18日 stays as typed, no column moves. Rows the server has and the sheet lacks
// go below the last row; rows the sheet has and the server dropped are emptied in the ledger's columns.
import { rowKeys } from "../ledger/row-key";
import type { LedgerRow } from "../ledger/schema";
import { numberKey } from "../ledger/task-number";
import type { LedgerField } from "./columns";
import { ledgerCell, type ColumnForms, type LedgerCell } from "./ledger-sheet";

export interface CellWrite {
  /** 0-based row and column in the sheet. */
  row: number;
  column: number;
  cell: LedgerCell;
}

export interface SheetRowsInPlace {
  /** The sheet's rows read and normalized (undefined: a row that could not be read, left alone). */
  rows: readonly (LedgerRow | undefined)[];
  /** 0-based sheet row of each. */
  rowNumbers: readonly number[];
  /** 0-based sheet column of each field the sheet has. */
  columns: Readonly<Partial<Record<LedgerField, number>>>;
  forms?: ColumnForms;
  /** 0-based sheet row where rows the sheet lacks are added. */
  appendAt: number;
  /** Cells inside a merged area over several cells: writing one would split what the clerk merged. */
  merged?: (row: number, column: number) => boolean;
  /** Whether a cell holds nothing now: a row the server dropped is emptied only where it has something. */
  empty?: (row: number, column: number) => boolean;
}

export interface Reconciled {
  writes: CellWrite[];
  /** Cells that should change but sit in a merged area; the pane says so rather than breaking the merge. */
  skipped: Array<{ row: number; column: number }>;
}

function sameValue(field: LedgerField, a: LedgerRow, b: LedgerRow): boolean {
  if (field === "no") return numberKey(a.no) === numberKey(b.no) && Boolean(a.continuation) === Boolean(b.continuation);
  return String(a[field] ?? "") === String(b[field] ?? "");
}

export function reconcileRows(sheet: SheetRowsInPlace, server: readonly LedgerRow[]): Reconciled {
  const writes: CellWrite[] = [];
  const skipped: Reconciled["skipped"] = [];
  const fields = Object.entries(sheet.columns)
    .filter((e): e is [LedgerField, number] => e[1] !== undefined)
    .sort((a, b) => a[1] - b[1]);
  const put = (row: number, column: number, cell: LedgerCell) => {
    if (sheet.merged?.(row, column)) skipped.push({ row, column });
    else writes.push({ row, column, cell });
  };

  const readable = sheet.rows.flatMap((row, i) => (row ? [{ row, at: sheet.rowNumbers[i]! }] : []));
  const mine = new Map(rowKeys(readable.map((r) => r.row)).map((key, i) => [key, readable[i]!]));
  const theirKeys = rowKeys(server);
  let append = sheet.appendAt;
  server.forEach((row, i) => {
    const key = theirKeys[i]!;
    const current = mine.get(key);
    if (!current) {
      for (const [field, column] of fields) {
        const cell = ledgerCell(row, field, sheet.forms);
        if (cell.kind !== "empty") put(append, column, cell);
      }
      append++;
      return;
    }
    mine.delete(key);
    for (const [field, column] of fields) {
      if (!sameValue(field, current.row, row)) put(current.at, column, ledgerCell(row, field, sheet.forms));
    }
  });
  for (const { at } of mine.values()) {
    for (const [, column] of fields) if (!sheet.empty?.(at, column)) put(at, column, { kind: "empty" });
  }
  return { writes, skipped };
}
