// Opens an exceljs workbook in the Office.js mock, as Excel would show the same file: values, number formats,
// dates as serials under their format, merged areas (values left in their top-left cell only).
import type ExcelJS from "exceljs";
import { isoToSerial } from "../../addin/excel/cells";
import { columnLetter } from "../../core/sheet/grid";
import { worksheetCells } from "../../api/xlsx/ledger-cells";
import type { MockWorkbook } from "./addin-workbook-mock";

export function openInMock(book: MockWorkbook, workbook: ExcelJS.Workbook): void {
  for (const worksheet of workbook.worksheets) {
    const sheet = book.addSheet(worksheet.name);
    const { cells, merges } = worksheetCells(worksheet);
    cells.forEach((line, r) =>
      line.forEach((value, c) => {
        if (value === null || value === undefined || value === "") return;
        const numFmt = worksheet.getCell(r + 1, c + 1).numFmt;
        if (value instanceof Date) sheet.set(r + 1, c, { value: isoToSerial(value.toISOString().slice(0, 10)), format: numFmt || "yyyy-mm-dd" });
        else sheet.set(r + 1, c, { value: value as string | number | boolean, ...(numFmt ? { format: numFmt } : {}) });
      }),
    );
    for (const m of merges ?? []) sheet.merges.push(`${columnLetter(m.col)}${m.row + 1}:${columnLetter(m.col + m.cols - 1)}${m.row + m.rows}`);
  }
}
