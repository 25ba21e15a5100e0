// 同步 and 方案更新: put a whole list of LedgerRows back on the bound sheet (the server's rows after a sync or a
// conflict choice, or the rows after a plan update) and record the version they stand for.
import { LEDGER_STATUSES, type LedgerRow } from "../../core/ledger/schema";
import { queueBindingWrite, requireBinding, type WorkbookBinding } from "./binding";
import { blockAddress, chunkByPayload, splitAddress } from "./cells";
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

    for (const run of runs) {
      sheet.getRange(blockAddress(firstBodyRow, run.first, Math.max(rows.length, 1), run.columns.length)).numberFormat =
        Array.from({ length: Math.max(rows.length, 1) }, () => run.columns.map((column) => NUMBER_FORMAT[column.kind]));
      if (oldCount > rows.length) {
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
    if (table && !table.isNullObject && tableRange) {
      const { range } = splitAddress(tableRange.address);
      const [first] = range.replace(/\$/g, "").split(":");
      const firstColumn = first!.replace(/\d+/g, "");
      const lastColumn = (range.split(":")[1] ?? range).replace(/[\d$]+/g, "");
      table.resize(`${firstColumn}${binding.headerRow}:${lastColumn}${binding.headerRow + Math.max(rows.length, 1)}`);
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
