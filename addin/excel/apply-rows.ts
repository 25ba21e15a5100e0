// 同步 and 方案更新: put a whole list of LedgerRows back on the bound sheet (the server's rows after a sync or a
// conflict choice, or the rows after a plan update) and record the version they stand for.
import { LEDGER_STATUSES, type LedgerRow } from "../../core/ledger/schema";
import { queueBindingWrite, requireBinding, type WorkbookBinding } from "./binding";
import { blockAddress, chunkByPayload, splitAddress } from "./cells";

/** "台账!$A$2:$M$12" → first and last row (1-based) and column span. */
function tableBox(address: string): { firstRow: number; lastRow: number; firstColumn: string; lastColumn: string } {
  const [start, end = start] = splitAddress(address).range.replace(/\$/g, "").split(":") as [string, string?];
  const parse = (ref: string) => ({ column: ref.replace(/\d+/g, ""), row: Number(ref.replace(/[A-Z]+/g, "")) });
  const a = parse(start), b = parse(end!);
  return { firstRow: a.row, lastRow: b.row, firstColumn: a.column, lastColumn: b.column };
}

/**
 * Grows or shrinks the table to `bodyRows` by inserting or deleting cells at its end (ExcelApi 1.1; Table.resize
 * would need 1.13). Inserting inside the table's last row extends the table; only its own columns shift.
 */
function fitTable(sheet: Excel.Worksheet, address: string, bodyRows: number): void {
  const box = tableBox(address);
  const current = box.lastRow - box.firstRow;
  const span = (from: number, count: number) => `${box.firstColumn}${from}:${box.lastColumn}${from + count - 1}`;
  if (bodyRows > current) sheet.getRange(span(box.lastRow, bodyRows - current)).insert("Down");
  if (bodyRows < current) sheet.getRange(span(box.firstRow + 1 + bodyRows, current - bodyRows)).delete("Up");
}
import { NUMBER_FORMAT, columnRuns, runMatrix } from "./ledger-cells";

export interface VersionStamp {
  /** The server's ledger version these rows are. */
  version: number;
  /** The plan version, when the rows follow a newer plan. */
  planVersion?: number;
}

/**
 * Rewrites the ledger's columns from the header down with `rows`, blanks the ledger cells of rows left over
 * below, resizes the table, and stamps the binding. Only the laid-out columns are written: a clerk's extra
 * columns keep their cells. Three syncs whatever the row count (binding, sheet extent, write).
 */
export async function applyServerRows(rows: readonly LedgerRow[], stamp: VersionStamp): Promise<WorkbookBinding> {
  return Excel.run(async (context) => {
    const binding = await requireBinding(context);
    const sheet = context.workbook.worksheets.getItem(binding.sheet);
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load(["rowIndex", "rowCount"]);
    const table = binding.table ? context.workbook.tables.getItemOrNullObject(binding.table) : undefined;
    const tableRange = table?.getRange();
    tableRange?.load("address");
    await context.sync();

    const firstBodyRow = binding.headerRow + 1;
    const usedLastRow = used.isNullObject ? binding.headerRow : used.rowIndex + used.rowCount;
    const oldCount = Math.max(0, usedLastRow - binding.headerRow);
    const runs = columnRuns(binding.columns);
    // Resize first, so the formats and values below land in the table's final rows. Without a table (an
    // adopted sheet), rows left over below are blanked in the ledger's columns instead.
    const hasTable = Boolean(table && !table.isNullObject && tableRange);
    if (hasTable) fitTable(sheet, tableRange!.address, Math.max(rows.length, 1));

    for (const run of runs) {
      sheet.getRange(blockAddress(firstBodyRow, run.first, Math.max(rows.length, 1), run.columns.length)).numberFormat =
        Array.from({ length: Math.max(rows.length, 1) }, () => run.columns.map((column) => NUMBER_FORMAT[column.kind]));
      if (!hasTable && oldCount > rows.length) {
        const leftover = oldCount - rows.length;
        sheet.getRange(blockAddress(firstBodyRow + rows.length, run.first, leftover, run.columns.length)).values =
          Array.from({ length: leftover }, () => run.columns.map(() => ""));
      }
    }
    const status = binding.columns.status;
    if (status !== undefined && rows.length > 0) {
      const cells = sheet.getRange(blockAddress(firstBodyRow, status, rows.length, 1));
      cells.dataValidation.clear();
      cells.dataValidation.rule = { list: { inCellDropDown: true, source: LEDGER_STATUSES.join(",") } };
    }
    const stamped: WorkbookBinding = { ...binding, version: stamp.version, planVersion: stamp.planVersion ?? binding.planVersion };
    queueBindingWrite(context, stamped);

    let row = firstBodyRow;
    for (const chunk of chunkByPayload(rows)) {
      for (const run of runs) {
        if (chunk.length > 0) sheet.getRange(blockAddress(row, run.first, chunk.length, run.columns.length)).values = runMatrix(chunk, run);
      }
      row += chunk.length;
      await context.sync();
    }
    return stamped;
  });
}
