// 报送 and 方案更新: put a whole list of LedgerRows back on the bound sheet (the server's rows after a sync or a
// conflict choice, or the rows after a plan update) and record the version they stand for.
// - Taizhang's own sheet (it has a table): the ledger's columns are rewritten from the header down, the table
//   resized; the clerk's extra columns keep their cells.
// - A unit's own sheet: read as it is, and only cells whose meaning changed are written (core/sheet/reconcile),
//   so its layout, wording and merged cells stay the unit's.
import { LEDGER_STATUSES, type LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { columnsOf, labelsOf, readBoundSheet } from "../../core/sheet/read-sheet";
import { reconcileRows, type CellWrite } from "../../core/sheet/reconcile";
import { mergeMasters } from "../../core/sheet/grid";
import { checkLedger } from "../../core/validate/validate";
import { queueBindingWrite, queuePlanWrite, requireBinding, type WorkbookBinding } from "./binding";
import { SheetProblem, run } from "./run";
import { blockAddress, chunkByPayload, splitAddress } from "./cells";
import { NUMBER_FORMAT, columnRuns, rangeFormat, rangeValue, runMatrix } from "./ledger-cells";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { gridCells, loadGridIn } from "./sheet-grid";

/** "台账!$A$2:$M$12" → first and last row (1-based) and column span. */
function tableBox(address: string): { firstRow: number; lastRow: number; firstColumn: string; lastColumn: string } {
  const [start, end = start] = splitAddress(address).range.replace(/\$/g, "").split(":") as [string, string?];
  const parse = (ref: string) => ({ column: ref.replace(/\d+/g, ""), row: Number(ref.replace(/[A-Z]+/g, "")) });
  const a = parse(start), b = parse(end!);
  return { firstRow: a.row, lastRow: b.row, firstColumn: a.column, lastColumn: b.column };
}

/**
 * Grows or shrinks the table to `bodyRows` by inserting or deleting whole sheet rows at its end (ExcelApi 1.1;
 * Table.resize would need 1.13). Rows inserted inside the table's last row extend it. Whole rows, not the table's
 * cells: shifting only its columns fails when a merged area below reaches past them (a signature line under the
 * table), while whole rows carry every merged area with them.
 */
function fitTable(sheet: Excel.Worksheet, address: string, bodyRows: number): void {
  const box = tableBox(address);
  const current = box.lastRow - box.firstRow;
  const rows = (from: number, count: number) => `${from}:${from + count - 1}`;
  if (bodyRows > current) sheet.getRange(rows(box.lastRow, bodyRows - current)).insert("Down");
  if (bodyRows < current) sheet.getRange(rows(box.firstRow + 1 + bodyRows, current - bodyRows)).delete("Up");
}

export interface VersionStamp {
  /** The server's ledger version these rows are. */
  version: number;
  /** The plan version, when the rows follow a newer plan. */
  planVersion?: number;
  /** When and by whom that version was 报送. */
  reportedAt?: string;
  reportedBy?: string;
}

export interface AppliedRows {
  binding: WorkbookBinding;
  /** Cells left as they were because they sit in a merged area (a sheet without Taizhang's table only). */
  skipped: number;
  /** The table had a filter on, which was cleared so every row could be written. */
  unfiltered?: boolean;
}

/** Rows written so far of all: called after each payload-sized chunk lands. */
export type Progress = (done: number, total: number) => void;

/** Adjacent writes of one row become one range, so a changed row is one write, not a cell each. */
export function writeRuns(writes: readonly CellWrite[]): Array<{ row: number; column: number; cells: CellWrite["cell"][] }> {
  const sorted = [...writes].sort((a, b) => a.row - b.row || a.column - b.column);
  const runs: Array<{ row: number; column: number; cells: CellWrite["cell"][] }> = [];
  for (const write of sorted) {
    const last = runs.at(-1);
    if (last && last.row === write.row && last.column + last.cells.length === write.column) last.cells.push(write.cell);
    else runs.push({ row: write.row, column: write.column, cells: [write.cell] });
  }
  return runs;
}

const kindOfColumn = (binding: WorkbookBinding, column: number) =>
  LEDGER_COLUMNS.find((c) => binding.columns[c.field as keyof WorkbookBinding["columns"]] === column) ?? LEDGER_COLUMNS[1]!;

/** Queues writes of model cells (0-based rows and columns): formats first where a date goes in, then values. */
export function queueCellWrites(sheet: Excel.Worksheet, binding: WorkbookBinding, writes: readonly CellWrite[]): void {
  for (const run of writeRuns(writes)) {
    const range = sheet.getRange(blockAddress(run.row + 1, run.column, 1, run.cells.length));
    // A date goes in as a serial under a date format; a text into a date column keeps the column's format.
    if (run.cells.some((cell) => cell.kind === "date")) {
      range.numberFormat = [run.cells.map((cell, i) => (cell.kind === "date" ? rangeFormat(cell, kindOfColumn(binding, run.column + i)) : "General"))];
    }
    range.values = [run.cells.map(rangeValue)];
  }
}

/**
 * Taizhang's own sheet: the ledger's columns rewritten whole, inside its table. Two syncs after the binding's;
 * `undefined` (after one) when the clerk has removed the table, for the caller to write in place instead.
 * A table with hidden rows (a filter) is unfiltered first: Excel misplaces values written into a filtered range
 * and refuses to delete its rows (office-js issues 224 and 994).
 */
async function rewriteRows(context: Excel.RequestContext, binding: WorkbookBinding, rows: readonly LedgerRow[], stamped: WorkbookBinding, plan: Plan, progress?: Progress): Promise<AppliedRows | undefined> {
  const sheet = context.workbook.worksheets.getItem(binding.sheet);
  const table = context.workbook.tables.getItemOrNullObject(binding.table!);
  const tableRange = table.getRange();
  tableRange.load(["address", "rowHidden"]);
  await context.sync();
  if (table.isNullObject) return undefined;

  const firstBodyRow = binding.headerRow + 1;
  const runs = columnRuns(binding.columns);
  const bodyRows = Math.max(rows.length, 1);
  // rowHidden is false when no row is hidden, true or null when some are.
  const unfiltered = tableRange.rowHidden !== false;
  if (unfiltered) table.clearFilters();
  // Resize first, so the formats and values below land in the table's final rows.
  fitTable(sheet, tableRange.address, bodyRows);

  for (const columns of runs) {
    sheet.getRange(blockAddress(firstBodyRow, columns.first, bodyRows, columns.columns.length)).numberFormat =
      Array.from({ length: bodyRows }, () => columns.columns.map((column) => NUMBER_FORMAT[column.kind]));
  }
  const status = binding.columns.status;
  if (status !== undefined && rows.length > 0) {
    const cells = sheet.getRange(blockAddress(firstBodyRow, status, rows.length, 1));
    cells.dataValidation.clear();
    cells.dataValidation.rule = { list: { inCellDropDown: true, source: LEDGER_STATUSES.join(",") } };
  }
  queueBindingWrite(context, stamped);
  if (stamped.planVersion !== binding.planVersion) queuePlanWrite(context, plan);

  let row = firstBodyRow;
  for (const chunk of chunkByPayload(rows)) {
    for (const columns of runs) {
      if (chunk.length > 0) sheet.getRange(blockAddress(row, columns.first, chunk.length, columns.columns.length)).values = runMatrix(chunk, columns, binding.forms);
    }
    // Rows grow (and shrink) to their wrapped text, as 新建台账 left them.
    if (chunk.length > 0) sheet.getRange(blockAddress(row, 0, chunk.length, 1)).format.autofitRows();
    row += chunk.length;
    await context.sync();
    progress?.(row - firstBodyRow, rows.length);
  }
  return { binding: stamped, skipped: 0, unfiltered };
}

/** A unit's own sheet: read as it is, only changed cells written. Two syncs after the binding's (three if Excel cannot list merges). */
async function reconcileInPlace(context: Excel.RequestContext, binding: WorkbookBinding, rows: readonly LedgerRow[], stamped: WorkbookBinding, plan: Plan): Promise<AppliedRows> {
  const grid = await loadGridIn(context, binding.sheet);
  if (!grid) throw new SheetProblem(`找不到台账工作表「${binding.sheet}」：它可能被改名或删除了，请重新使用当前表`);
  const cells = gridCells(grid);
  const reading = readBoundSheet(cells, plan, binding.unit, binding);
  const current = checkLedger(plan, binding.unit, reading.rows, { today: "9999-12-31", sheet: reading.shape }).rows;
  // Where the reading found each column now (the clerk may have inserted one): write there, and remember it.
  const followed: WorkbookBinding = { ...stamped, columns: columnsOf(reading), labels: { ...stamped.labels, ...labelsOf(reading) } };
  const masters = mergeMasters(grid.merges);
  const covered = new Set<string>(masters.keys());
  for (const { row, col, box } of masters.values()) if (box.rows * box.cols > 1) covered.add(`${row},${col}`);
  const { writes, skipped } = reconcileRows(
    {
      rows: current,
      rowNumbers: reading.rowNumbers,
      columns: followed.columns,
      forms: binding.forms,
      appendAt: cells.cells.length,
      merged: (row, column) => covered.has(`${row},${column}`),
      empty: (row, column) => cells.cells[row]?.[column] === undefined || cells.cells[row]?.[column] === "",
    },
    rows,
  );
  const sheet = context.workbook.worksheets.getItem(binding.sheet);
  queueCellWrites(sheet, followed, writes);
  queueBindingWrite(context, followed);
  if (stamped.planVersion !== binding.planVersion) queuePlanWrite(context, plan);
  await context.sync();
  return { binding: followed, skipped: skipped.length };
}

/**
 * Puts `rows` on the bound sheet and stamps the binding with their version (and, after a plan update, keeps the
 * new plan with it). Three syncs whatever the row count (binding, sheet, write), more only past ~4 MB of cells,
 * when Excel cannot list a sheet's merged areas, or when the clerk removed Taizhang's table (then the sheet is
 * written in place like a unit's own, its merged cells left whole).
 */
export async function applyServerRows(rows: readonly LedgerRow[], stamp: VersionStamp, plan: Plan, progress?: Progress): Promise<AppliedRows> {
  return run(async (context) => {
    const binding = await requireBinding(context);
    const stamped: WorkbookBinding = {
      ...binding,
      version: stamp.version,
      planVersion: stamp.planVersion ?? binding.planVersion,
      ...(stamp.reportedAt ? { reportedAt: stamp.reportedAt } : {}),
      ...(stamp.reportedBy ? { reportedBy: stamp.reportedBy } : {}),
    };
    if (binding.table) {
      const rewritten = await rewriteRows(context, binding, rows, stamped, plan, progress);
      if (rewritten) return rewritten;
    }
    const { table: _gone, ...inPlace } = stamped;
    const applied = await reconcileInPlace(context, binding, rows, inPlace, plan);
    progress?.(rows.length, rows.length);
    return applied;
  });
}
