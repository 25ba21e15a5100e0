// The ExcelApi requirement set the add-in declares in manifest.xml, and the check the pane makes on start.
//
// 1.10, because 检查 puts its message on the cell as a comment (workbook.comments, ExcelApi 1.10); notes would
// need 1.18. Everything else needs less: settings and *OrNullObject 1.4, freeze panes 1.7, data validation 1.8.
export const EXCEL_API_VERSION = "1.10";

/** False on an Excel too old for the add-in (e.g. Excel 2016 MSI), so the pane can say so instead of failing. */
export function excelApiSupported(): boolean {
  return Office.context.requirements.isSetSupported("ExcelApi", EXCEL_API_VERSION);
}
