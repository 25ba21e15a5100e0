// The row the office has selected, with the first rows of its sheet (where 汇总台账's header is): two syncs
// whatever the sheet's size, one to find the selection and the used columns, one to read those cells.
import { run } from "./run";
import type { CellValue } from "./cells";

/** Rows read from the top of the sheet to find its header (title and 截至 lines come first). */
const TOP_ROWS = 6;

export interface SelectedCells {
  sheet: string;
  /** 1-based. */
  rowNumber: number;
  top: CellValue[][];
  row: CellValue[];
}

export async function readSelectedCells(): Promise<SelectedCells> {
  return run(async (context) => {
    const selection = context.workbook.getSelectedRange();
    selection.load("rowIndex");
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name");
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("columnCount, columnIndex");
    await context.sync();
    const columns = used.isNullObject ? 1 : used.columnIndex + used.columnCount;
    const top = sheet.getRangeByIndexes(0, 0, TOP_ROWS, columns);
    const row = sheet.getRangeByIndexes(selection.rowIndex, 0, 1, columns);
    top.load("values");
    row.load("values");
    await context.sync();
    return { sheet: sheet.name, rowNumber: selection.rowIndex + 1, top: top.values as CellValue[][], row: (row.values as CellValue[][])[0] ?? [] };
  });
}
