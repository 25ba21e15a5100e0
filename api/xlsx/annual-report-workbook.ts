// The 年度报告 section as a table: every task with its lead units, outcome, 进展情况 and evidence, and the counts
// by section, both printable.
import ExcelJS from "exceljs";
import { annualReportTables, type AnnualReport } from "../../core/oversight/annual-report";
import { chineseDate } from "../../core/oversight/document";
import type { Plan } from "../../core/plan/schema";
import { addReportSheet } from "./report-sheet";

export async function annualReportWorkbook(plan: Plan, report: AnnualReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Taizhang";
  book.title = `${report.year}年政务公开工作要点落实情况`;
  const tables = annualReportTables(report);
  const asOf = `截至${chineseDate(report.asOf)}`;
  addReportSheet(book, "任务落实情况", `${report.year}年政务公开工作要点落实情况`, `《${plan.title}》 ${asOf}`, tables.tasks);
  addReportSheet(book, "分部分统计", `${report.year}年政务公开工作要点落实情况（分部分统计）`, asOf, tables.sections);
  return Buffer.from(await book.xlsx.writeBuffer());
}
