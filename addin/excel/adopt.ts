// 使用当前表: bind the clerk's own sheet and write exactly the cells the clerk confirmed, nothing else.
import { LEDGER_STATUSES } from "../../core/ledger/schema";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import type { SheetReading } from "../../core/sheet/read-sheet";
import type { SheetGrid } from "./sheet-grid";
import { queueBindingWrite, type ColumnLayout, type WorkbookBinding } from "./binding";
import { blockAddress, cellText, isoToSerial, type CellValue } from "./cells";

/** One cell the clerk agreed to change: 1-based sheet row, 0-based column. */
export interface CellEdit {
  row: number;
  column: number;
  value: CellValue;
}

export interface Adoption {
  planId: string;
  unit: string;
  planVersion: number;
  /** The server's ledger version the sheet now stands for; 0 when the unit never synced. */
  version?: number;
  sheet: string;
  headerRow: number;
  columns: ColumnLayout;
  /** The confirmed changes (a missing header, a task number …); every other cell is left as it is. */
  edits: readonly CellEdit[];
  /** Add the status drop-down to the status column down to this sheet row, when the clerk asked for it. */
  statusDropDownTo?: number;
}

const DATE_COLUMNS = new Set(LEDGER_COLUMNS.filter((c) => c.kind === "date").map((c) => c.field));
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The header row and column layout core's readSheet found, as sheet positions for an Adoption. */
export function layoutOfReading(grid: SheetGrid, reading: Pick<SheetReading, "headerRow" | "columns">): { headerRow: number; columns: ColumnLayout } {
  const known = new Set<string>(LEDGER_COLUMNS.map((c) => c.field));
  const columns: ColumnLayout = {};
  for (const column of reading.columns) {
    if (column.field && known.has(column.field)) columns[column.field as keyof ColumnLayout] = grid.firstColumn + column.index;
  }
  return { headerRow: grid.firstRow + reading.headerRow, columns };
}

/** Adjacent edits of one row become one range, so a confirmed header row is one write, not a cell each. */
export function editRuns(edits: readonly CellEdit[]): Array<{ row: number; column: number; values: CellValue[] }> {
  const sorted = [...edits].sort((a, b) => a.row - b.row || a.column - b.column);
  const runs: Array<{ row: number; column: number; values: CellValue[] }> = [];
  for (const edit of sorted) {
    const last = runs.at(-1);
    if (last && last.row === edit.row && last.column + last.values.length === edit.column) last.values.push(edit.value);
    else if (last && last.row === edit.row && last.column + last.values.length > edit.column) last.values[edit.column - last.column] = edit.value;
    else runs.push({ row: edit.row, column: edit.column, values: [edit.value] });
  }
  return runs;
}

/** One sync: the binding and the confirmed cells. */
export async function adoptSheet(adoption: Adoption): Promise<WorkbookBinding> {
  const binding: WorkbookBinding = {
    planId: adoption.planId,
    unit: adoption.unit,
    version: adoption.version ?? 0,
    planVersion: adoption.planVersion,
    sheet: adoption.sheet,
    headerRow: adoption.headerRow,
    columns: adoption.columns,
  };
  const dateColumns = new Set(
    Object.entries(adoption.columns).flatMap(([field, column]) => (DATE_COLUMNS.has(field as never) && column !== undefined ? [column] : [])),
  );
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(adoption.sheet);
    for (const run of editRuns(adoption.edits)) {
      const range = sheet.getRange(blockAddress(run.row, run.column, 1, run.values.length));
      const isDate = (i: number) => run.row > adoption.headerRow && dateColumns.has(run.column + i);
      // A date goes in as a date serial with a date format, as the clerk would type it; text stays text.
      if (run.values.some((value, i) => isDate(i) && typeof value === "string" && ISO_DATE.test(value))) {
        range.numberFormat = [run.values.map((value, i) => (isDate(i) ? "yyyy-mm-dd" : typeof value === "string" ? "@" : "General"))];
      }
      range.values = [run.values.map((value, i) =>
        typeof value !== "string" ? value : isDate(i) && ISO_DATE.test(value) ? isoToSerial(value) : cellText(value),
      )];
    }
    const statusColumn = adoption.columns.status;
    if (adoption.statusDropDownTo !== undefined && statusColumn !== undefined && adoption.statusDropDownTo > adoption.headerRow) {
      const cells = sheet.getRange(blockAddress(adoption.headerRow + 1, statusColumn, adoption.statusDropDownTo - adoption.headerRow, 1));
      cells.dataValidation.clear();
      cells.dataValidation.rule = { list: { inCellDropDown: true, source: LEDGER_STATUSES.join(",") } };
    }
    queueBindingWrite(context, binding);
    await context.sync();
    return binding;
  });
}
