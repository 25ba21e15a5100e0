// The unit's 台账 .xlsx: core's ledger sheet model (core/sheet/ledger-sheet.ts) rendered with exceljs. The task
// pane renders the same model with Office.js (addin/excel/create-ledger.ts), so both write the same cells.
import ExcelJS from "exceljs";
import type { LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { ledgerSheetModel, type LedgerCell, type LedgerSheetModel, type PageSetup } from "../../core/sheet/ledger-sheet";

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** A model cell as exceljs stores it: text as a string, a date as a Date, nothing as null. */
export function excelValue(cell: LedgerCell): ExcelJS.CellValue {
  if (cell.kind === "text") return cell.text;
  if (cell.kind === "date") return utcDate(cell.date);
  return null;
}

function pageSetup(page: PageSetup): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation: page.orientation,
    fitToPage: true,
    fitToWidth: page.fitToWidth,
    fitToHeight: page.fitToHeight,
    printTitlesRow: `${page.repeatRows[0]}:${page.repeatRows[1]}`,
    margins: page.margins,
    horizontalCentered: page.horizontalCentered,
  };
}

/** Renders the model onto a new worksheet of `workbook`. */
export function addLedgerSheet(workbook: ExcelJS.Workbook, model: LedgerSheetModel): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(model.name, {
    views: [{ state: "frozen", ySplit: model.frozenRows }],
    pageSetup: pageSetup(model.page),
  });
  const width = model.columns.length;
  sheet.columns = model.columns.map((c) => ({ key: c.field, width: c.width }));

  sheet.mergeCells(model.titleRow, 1, model.titleRow, width);
  const title = sheet.getCell(model.titleRow, 1);
  title.value = model.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: "center", vertical: "middle" };
  sheet.getRow(model.titleRow).height = model.fixedHeights.title;

  for (const piece of model.info) {
    sheet.mergeCells(model.infoRow, piece.first + 1, model.infoRow, piece.last + 1);
    const cell = sheet.getCell(model.infoRow, piece.first + 1);
    cell.value = piece.text;
    cell.alignment = { horizontal: piece.align, vertical: "middle" };
  }
  sheet.getRow(model.infoRow).height = model.fixedHeights.info;

  const line = { style: model.gridLines };
  const grid: Partial<ExcelJS.Borders> = { top: line, left: line, bottom: line, right: line };
  const header = sheet.getRow(model.headerRow);
  header.height = model.fixedHeights.header;
  model.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.border = grid;
  });
  sheet.autoFilter = { from: { row: model.headerRow, column: 1 }, to: { row: model.headerRow, column: width } };

  model.rows.forEach((cells, i) => {
    const sheetRow = sheet.getRow(model.headerRow + 1 + i);
    // exceljs has no fonts to measure: the model's estimate, so LibreOffice and print show every wrapped line.
    sheetRow.height = model.rowHeights[i]!;
    cells.forEach((value, c) => {
      const cell = sheetRow.getCell(c + 1);
      cell.value = excelValue(value);
      cell.alignment = { vertical: "top", wrapText: model.columns[c]!.wrap };
      cell.border = grid;
    });
  });

  // Formats and the drop-down reach below the rows too, so the rows a clerk adds behave the same.
  const statusList = `"${model.statusList.join(",")}"`;
  const lastRow = model.headerRow + model.rows.length + model.spareRows;
  model.columns.forEach((column, c) => {
    for (let r = model.headerRow + 1; r <= lastRow; r++) {
      const cell = sheet.getCell(r, c + 1);
      cell.numFmt = column.numberFormat;
      if (column.kind !== "status") continue;
      cell.dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [statusList],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: column.header,
        error: `请从列表中选择：${model.statusList.join("、")}`,
      };
    }
  });
  return sheet;
}

/**
 * A unit's 台账 as a workbook, laid out like 附件3: the title "<unit>政务公开工作任务台账", the 填报单位 / 填报日期
 * line, the header, one row per task, 完成状态 as a drop-down, dates as real dates, the top rows frozen, A4
 * landscape one page wide with the top rows printed on every page.
 */
export function ledgerWorkbook(plan: Plan, unit: string, rows: readonly LedgerRow[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const model = ledgerSheetModel(unit, rows);
  workbook.title = model.title;
  workbook.subject = plan.id;
  workbook.keywords = `taizhang plan=${plan.id}`;
  addLedgerSheet(workbook, model);
  return workbook;
}
