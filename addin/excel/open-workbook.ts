// A workbook the server made (the admin's initial passwords) opened in Excel as a new window: the admin prints
// it or saves and sends it. Excel.createWorkbook (ExcelApi 1.8) takes the .xlsx as base64; no Excel.run, no sync.
export async function openWorkbook(base64: string): Promise<void> {
  await Excel.createWorkbook(base64);
}
