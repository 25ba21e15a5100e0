// The initial passwords as an .xlsx the admin prints or sends: core's table, every text cell escaped, set up to
// print on one page width.
import ExcelJS from "exceljs";
import type { InitialCredential } from "../../core/accounts/contract";
import { CREDENTIALS_NOTE, CREDENTIALS_SHEET_NAME, credentialsSheet } from "../../core/accounts/credentials-sheet";
import { escapeFormulaText } from "../../core/sheet/escape";

export async function credentialsWorkbook(credentials: InitialCredential[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Taizhang";
  book.title = "台账系统初始账号";
  const table = credentialsSheet(credentials);
  const sheet = book.addWorksheet(CREDENTIALS_SHEET_NAME, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  sheet.columns = table.header.map((header, i) => ({ header: escapeFormulaText(header), width: table.widths?.[i] ?? 12 }));
  sheet.getRow(1).font = { bold: true };
  for (const cells of table.rows) sheet.addRow(cells.map((value) => (typeof value === "string" ? escapeFormulaText(value) : value)));
  // A font that tells 0 from O and 1 from l on paper.
  sheet.getColumn(4).font = { name: "Consolas" };
  sheet.addRow([]);
  sheet.addRow([CREDENTIALS_NOTE]);
  sheet.pageSetup.printTitlesRow = "1:1";
  return Buffer.from(await book.xlsx.writeBuffer());
}
