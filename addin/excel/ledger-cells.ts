// core's ledger cell model (core/sheet/ledger-sheet.ts) as Office.js Range values, by a column layout. Pure, so
// the mapping is tested without Excel; the exceljs writer renders the same model in api/xlsx/ledger-workbook.ts.
import type { LedgerRow } from "../../core/ledger/schema";
import { LEDGER_COLUMNS, type LedgerColumn } from "../../core/sheet/columns";
import { NUMBER_FORMAT, ledgerCell, type ColumnForms, type LedgerCell } from "../../core/sheet/ledger-sheet";
import type { ColumnLayout } from "./binding";
import { isoToSerial, type CellValue } from "./cells";

export { NUMBER_FORMAT };

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

/** What Range.values takes for a model cell: text, a date serial (under a date format), or "". */
export function rangeValue(cell: LedgerCell): CellValue {
  if (cell.kind === "text") return cell.text;
  if (cell.kind === "date") return isoToSerial(cell.date);
  return "";
}

/** The number format a model cell needs, so "1.10" stays text and a date shows as a date. */
export function rangeFormat(cell: LedgerCell, column: LedgerColumn): string {
  return cell.kind === "date" ? NUMBER_FORMAT.date : NUMBER_FORMAT[column.kind];
}

/** One matrix per run: rows × that run's columns. */
export function runMatrix(rows: readonly LedgerRow[], run: ColumnRun, forms: ColumnForms = {}): CellValue[][] {
  return rows.map((row) => run.columns.map((column) => rangeValue(ledgerCell(row, column.field, forms))));
}
