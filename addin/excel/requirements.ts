// The ExcelApi requirement set the add-in declares in manifest.xml, the check the pane makes on start, and the
// newer sets it uses only where Excel has them.
//
// 1.9, for the 台账's page setup (Worksheet.pageLayout: A4 landscape, one page wide, the top rows on every page).
// Everything else it needs is older: settings and *OrNullObject 1.4, freeze panes 1.7, data validation and
// Excel.createWorkbook 1.8, Table.clearFilters and Range.rowHidden 1.2. Excel 2021 and later, Microsoft 365 and
// Excel on the web have it; Excel 2016 and 2019 (out of support since October 2025) do not.
//
// Used where present: notes (1.18, Microsoft 365 and the web only) carry 检查's messages and the office's review
// on the cell; delayForCellEdit (1.11) waits for a cell being edited; merged areas are listed with 1.13.
// Threaded comments (1.10) are not used at all: see addin/excel/marks.ts for why.
export const EXCEL_API_VERSION = "1.9";
export const NOTES_API_VERSION = "1.18";

/** False on an Excel too old for the add-in (e.g. Excel 2016 MSI), so the pane can say so instead of failing. */
export function excelApiSupported(): boolean {
  return Office.context.requirements.isSetSupported("ExcelApi", EXCEL_API_VERSION);
}

/** True where Excel can put a note on a cell (ExcelApi 1.18). */
export function notesSupported(): boolean {
  return Office.context.requirements.isSetSupported("ExcelApi", NOTES_API_VERSION);
}
