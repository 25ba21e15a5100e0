import ExcelJS from "exceljs";
import { LEDGER_STATUSES, type LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { escapeFormulaText } from "../../core/sheet/escape";

export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
/** Rows below the last task that still get the status drop-down, for the rows a clerk adds. */
const SPARE_ROWS = 100;
const DATE_FORMAT = "yyyy-mm-dd";

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

function cellValue(row: LedgerRow, field: keyof LedgerRow, kind: string): ExcelJS.CellValue {
  const value = row[field];
  if (value === undefined || value === null) return null;
  if (kind === "date") return utcDate(String(value));
  // A further row of a task shows its number as "3（续）", which the sheet reader takes back as a continuation.
  if (field === "no" && row.continuation) return escapeFormulaText(`${row.no}（续）`);
  return escapeFormulaText(String(value));
}

/**
 * A unit's 台账 as a workbook, laid out like 附件3: the title "<unit>政务公开工作任务台账" over the header, one row
 * per task, 完成状态 as a drop-down, dates as real dates, header frozen, A4 landscape with the header printed
 * on every page.
 */
export function ledgerWorkbook(plan: Plan, unit: string, rows: readonly LedgerRow[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.title = `${unit}政务公开工作任务台账`;
  workbook.subject = plan.id;
  workbook.keywords = `taizhang plan=${plan.id}`;
  const sheet = workbook.addWorksheet("台账", {
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
  });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ key: c.field, width: c.width }));

  const last = LEDGER_COLUMNS.length;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, last);
  const title = sheet.getCell(TITLE_ROW, 1);
  title.value = escapeFormulaText(`${unit}政务公开工作任务台账`);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: "center", vertical: "middle" };
  sheet.getRow(TITLE_ROW).height = 30;

  const header = sheet.getRow(HEADER_ROW);
  LEDGER_COLUMNS.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.border = { bottom: { style: "thin" } };
  });
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: last } };

  rows.forEach((row, i) => {
    const line = sheet.getRow(HEADER_ROW + 1 + i);
    LEDGER_COLUMNS.forEach((column, c) => {
      const cell = line.getCell(c + 1);
      cell.value = cellValue(row, column.field, column.kind);
      cell.alignment = { vertical: "top", wrapText: column.kind === "text" };
      if (column.kind === "date") cell.numFmt = DATE_FORMAT;
    });
  });

  const statusList = `"${LEDGER_STATUSES.join(",")}"`;
  LEDGER_COLUMNS.forEach((column, c) => {
    if (column.kind === "text") return;
    for (let r = HEADER_ROW + 1; r <= HEADER_ROW + rows.length + SPARE_ROWS; r++) {
      const cell = sheet.getCell(r, c + 1);
      if (column.kind === "date") {
        cell.numFmt = DATE_FORMAT;
        continue;
      }
      cell.dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [statusList],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: "完成状态",
        error: `请从列表中选择：${LEDGER_STATUSES.join("、")}`,
      };
    }
  });
  return workbook;
}
