// The consolidated .xlsx, written with exceljs's streaming writer so a plan of 1,000 units × 60 rows never
// sits in memory as a workbook; every text cell is escaped so no clerk's text becomes a formula.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { ConsolidatedReply } from "../../core/api/contract";
import { CONSOLIDATED_SHEET_NAMES, consolidatedSheets, type SheetTable } from "../../core/merge/sheets";
import type { Plan } from "../../core/plan/schema";
import { escapeFormulaText } from "../../core/sheet/escape";

function isoToDate(text: string): Date | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
}

function addSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, table: SheetTable): void {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.header.map((header, i) => ({ header: escapeFormulaText(header), width: table.widths?.[i] ?? 12 }));
  sheet.getRow(1).font = { bold: true };
  const dates = new Set(table.dateColumns ?? []);
  for (const cells of table.rows) {
    const row = sheet.addRow(
      cells.map((value, i) => {
        if (typeof value !== "string") return value;
        return (dates.has(i) && isoToDate(value)) || escapeFormulaText(value);
      }),
    );
    for (const i of dates) row.getCell(i + 1).numFmt = "yyyy-mm-dd";
    row.commit();
  }
  sheet.commit();
}

/** Writes 汇总台账, 任务进度, 单位统计 and 未报送单位 to `out`. */
export async function writeConsolidatedWorkbook(plan: Plan, data: ConsolidatedReply, out: Writable): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = "Taizhang";
  book.title = `${plan.title} 汇总台账`;
  const sheets = consolidatedSheets(plan, data);
  for (const key of Object.keys(CONSOLIDATED_SHEET_NAMES) as (keyof typeof CONSOLIDATED_SHEET_NAMES)[])
    addSheet(book, CONSOLIDATED_SHEET_NAMES[key], sheets[key]);
  await book.commit();
}
