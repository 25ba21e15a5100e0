// A table of the office's as a sheet that prints as a report: a title and a 截至 line over the header, A4
// landscape fitted to the page's width, the header repeated on every page, text wrapped, filters on the header.
// Every text is escaped (no formulas) and stripped of characters XML forbids.
import type ExcelJS from "exceljs";
import type { SheetTable } from "../../core/merge/sheets";
import { escapeFormulaText } from "../../core/sheet/escape";
import { xmlSafe } from "../docx/text";

const TITLE_ROW = 1;
const AS_OF_ROW = 2;
const HEADER_ROW = 3;

export const cellText = (value: string) => escapeFormulaText(xmlSafe(value));

export function addReportSheet(book: ExcelJS.Workbook, name: string, title: string, asOfLine: string, table: SheetTable): ExcelJS.Worksheet {
  const width = table.header.length;
  const sheet = book.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
  });
  sheet.columns = table.header.map((_, i) => ({ width: table.widths?.[i] ?? 12 }));
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, width);
  Object.assign(sheet.getCell(TITLE_ROW, 1), { value: cellText(title), font: { bold: true, size: 16 }, alignment: { horizontal: "center", vertical: "middle" } });
  sheet.getRow(TITLE_ROW).height = 30;
  sheet.mergeCells(AS_OF_ROW, 1, AS_OF_ROW, width);
  Object.assign(sheet.getCell(AS_OF_ROW, 1), { value: cellText(asOfLine), alignment: { horizontal: "right" } });
  const header = sheet.getRow(HEADER_ROW);
  table.header.forEach((text, i) =>
    Object.assign(header.getCell(i + 1), {
      value: cellText(text),
      font: { bold: true },
      alignment: { horizontal: "center", vertical: "middle", wrapText: true },
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } },
      border: { bottom: { style: "thin" } },
    }),
  );
  table.rows.forEach((cells, r) => {
    const row = sheet.getRow(HEADER_ROW + 1 + r);
    cells.forEach((value, c) => {
      const cell = row.getCell(c + 1);
      cell.value = typeof value === "string" ? cellText(value) : value;
      cell.alignment = { vertical: "top", wrapText: typeof value === "string" };
    });
  });
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: width } };
  return sheet;
}
