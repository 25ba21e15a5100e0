// LedgerRow ⇄ the cells of one sheet row, by a column layout. Pure, so the mapping is tested without Excel.
import type { LedgerRow } from "../../core/ledger/schema";
import { LEDGER_COLUMNS, type LedgerColumn } from "../../core/sheet/columns";
import type { ColumnLayout } from "./binding";
import { cellText, isoToSerial, type CellValue } from "./cells";

/** Excel number formats per column kind: text columns stay text ("1.10" must not become 1.1), dates are dates. */
export const NUMBER_FORMAT: Record<LedgerColumn["kind"], string> = { text: "@", status: "@", date: "yyyy-mm-dd" };

/** Runs of adjacent laid-out columns, so a write touches the ledger's columns and never the clerk's own between them. */
export interface ColumnRun {
  first: number;
  columns: LedgerColumn[];
}

export function columnRuns(layout: ColumnLayout): ColumnRun[] {
  const placed = LEDGER_COLUMNS.flatMap((column) => {
    const index = layout[column.field as keyof ColumnLayout];
    return index === undefined ? [] : [{ index, column }];
  }).sort((a, b) => a.index - b.index);
  const runs: ColumnRun[] = [];
  for (const { index, column } of placed) {
    const last = runs.at(-1);
    if (last && last.first + last.columns.length === index) last.columns.push(column);
    else runs.push({ first: index, columns: [column] });
  }
  return runs;
}

/** The cell Excel should hold for one field of a row: escaped text, a date serial, or empty. */
export function cellOf(row: LedgerRow, column: LedgerColumn): CellValue {
  const value = row[column.field];
  if (value === undefined || value === null) return "";
  if (column.kind === "date") return typeof value === "string" && value ? isoToSerial(value) : "";
  return cellText(typeof value === "string" ? value : String(value));
}

/** One matrix per run: rows × that run's columns. */
export function runMatrix(rows: readonly LedgerRow[], run: ColumnRun): CellValue[][] {
  return rows.map((row) => run.columns.map((column) => cellOf(row, column)));
}
