// 新建台账: core's ledger sheet model (core/sheet/ledger-sheet.ts) written in one go — title, 填报单位 line, header,
// rows, table, drop-down, formats, lines, page setup — then bound, with the plan kept in the workbook. The exceljs
// writer renders the same model (api/xlsx/ledger-workbook.ts).
import type { LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { LEDGER_SHEET_NAME, ledgerSheetModel, type LedgerSheetModel } from "../../core/sheet/ledger-sheet";
import { STANDARD_LAYOUT, queueBindingWrite, queuePlanWrite, type WorkbookBinding } from "./binding";
import type { Progress } from "./apply-rows";
import { run } from "./run";
import { blockAddress, chunkByPayload, sheetAddress } from "./cells";
import { rangeValue } from "./ledger-cells";

export { LEDGER_SHEET_NAME };
/** Chinese Excel names tables 表1, 表2 …; ours is 台账表 (台账表2 …), found again through the binding. */
const LEDGER_TABLE_NAME = "台账表";
/** Excel column widths are in points; one character of a model column's width is about six. */
const POINTS_PER_CHARACTER = 6;
const POINTS_PER_INCH = 72;

export interface CreatedLedger {
  sheet: string;
  /** The table's address, header included, e.g. "台账!A3:M42". */
  tableAddress: string;
  binding: WorkbookBinding;
}

/** 台账, or 台账 2, 台账 3 … when the workbook already has one: never overwrite a sheet. */
export function freeSheetName(existing: readonly string[], base = LEDGER_SHEET_NAME): string {
  const taken = new Set(existing);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** Thin lines around every cell of `range` (ExcelApi 1.1), as the model's gridLines say. */
export function queueGridLines(range: Excel.Range): void {
  for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const) {
    const border = range.format.borders.getItem(edge);
    border.style = "Continuous";
    border.weight = "Thin";
  }
}

/** The model's page setup on the worksheet (ExcelApi 1.9): A4 landscape, one page wide, the top rows on every page. */
export function queuePageSetup(sheet: Excel.Worksheet, model: Pick<LedgerSheetModel, "page">): void {
  const { page } = model;
  const layout = sheet.pageLayout;
  layout.orientation = "Landscape";
  layout.paperSize = "A4";
  layout.zoom = { horizontalFitToPages: page.fitToWidth, verticalFitToPages: page.fitToHeight };
  layout.centerHorizontally = page.horizontalCentered;
  layout.leftMargin = page.margins.left * POINTS_PER_INCH;
  layout.rightMargin = page.margins.right * POINTS_PER_INCH;
  layout.topMargin = page.margins.top * POINTS_PER_INCH;
  layout.bottomMargin = page.margins.bottom * POINTS_PER_INCH;
  layout.headerMargin = page.margins.header * POINTS_PER_INCH;
  layout.footerMargin = page.margins.footer * POINTS_PER_INCH;
  layout.setPrintTitleRows(`$${page.repeatRows[0]}:$${page.repeatRows[1]}`);
}

/** Two syncs whatever the row count (one to read sheet names, one to write); more only past ~4 MB of cells. */
export async function createLedgerSheet(plan: Plan, unit: string, rows: readonly LedgerRow[], progress?: Progress): Promise<CreatedLedger> {
  const model = ledgerSheetModel(unit, rows);
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    const tables = context.workbook.tables;
    sheets.load("items/name");
    tables.load("items/name");
    await context.sync();

    const name = freeSheetName(sheets.items.map((sheet) => sheet.name), model.name);
    const tableName = freeSheetName(tables.items.map((table) => table.name), LEDGER_TABLE_NAME).replace(" ", "");
    const sheet = sheets.add(name);
    const width = model.columns.length;
    const bodyRows = Math.max(rows.length, 1); // an Excel table needs one body row, even an empty one
    const firstBodyRow = model.headerRow + 1;

    const title = sheet.getRange(blockAddress(model.titleRow, 0, 1, width));
    title.merge(false);
    title.values = [[model.title, ...Array<string>(width - 1).fill("")]];
    title.format.font.bold = true;
    title.format.font.size = 16;
    title.format.horizontalAlignment = "Center";
    title.format.rowHeight = model.fixedHeights.title;

    for (const piece of model.info) {
      const cells = sheet.getRange(blockAddress(model.infoRow, piece.first, 1, piece.last - piece.first + 1));
      cells.merge(false);
      cells.values = [[piece.text, ...Array<string>(piece.last - piece.first).fill("")]];
      cells.format.horizontalAlignment = piece.align === "left" ? "Left" : "Right";
    }
    sheet.getRange(blockAddress(model.infoRow, 0, 1, width)).format.rowHeight = model.fixedHeights.info;

    // Formats before values: a text column must already be text when "1.10" arrives, or Excel makes it 1.1.
    const body = sheet.getRange(blockAddress(firstBodyRow, 0, bodyRows, width));
    body.numberFormat = Array.from({ length: bodyRows }, () => model.columns.map((column) => column.numberFormat));
    body.format.verticalAlignment = "Top";

    const header = sheet.getRange(blockAddress(model.headerRow, 0, 1, width));
    header.values = [model.columns.map((column) => column.header)];
    header.format.font.bold = true;
    header.format.wrapText = true;
    header.format.horizontalAlignment = "Center";

    const table = sheet.tables.add(blockAddress(model.headerRow, 0, bodyRows + 1, width), true);
    table.name = tableName;
    table.style = "TableStyleMedium2";
    queueGridLines(sheet.getRange(blockAddress(model.headerRow, 0, bodyRows + 1, width)));

    model.columns.forEach((column, index) => {
      const whole = sheet.getRange(blockAddress(model.headerRow, index, bodyRows + 1, 1));
      whole.format.columnWidth = column.width * POINTS_PER_CHARACTER;
      if (column.wrap) whole.format.wrapText = true;
      if (column.kind === "status") {
        const cells = sheet.getRange(blockAddress(firstBodyRow, index, bodyRows, 1));
        cells.dataValidation.clear();
        cells.dataValidation.rule = { list: { inCellDropDown: true, source: model.statusList.join(",") } };
      }
    });
    sheet.freezePanes.freezeRows(model.frozenRows);
    queuePageSetup(sheet, model);

    const binding: WorkbookBinding = {
      planId: plan.id,
      unit,
      version: 0,
      planVersion: plan.version ?? 0,
      sheet: name,
      headerRow: model.headerRow,
      columns: STANDARD_LAYOUT,
      table: tableName,
    };
    queueBindingWrite(context, binding);
    queuePlanWrite(context, plan);
    sheet.activate();

    // Values go into the table's body as one Range.values, never Table.rows.add: that conflicts under co-authoring.
    let row = firstBodyRow;
    for (const chunk of chunkByPayload(model.rows)) {
      if (chunk.length > 0) sheet.getRange(blockAddress(row, 0, chunk.length, width)).values = chunk.map((line) => line.map(rangeValue));
      row += chunk.length;
      // Excel measures its own fonts for the wrapped cells (the model's estimate is for exceljs); an autofit row
      // also grows by itself when the clerk types more into it later.
      if (chunk.length > 0) sheet.getRange(blockAddress(row - chunk.length, 0, chunk.length, width)).format.autofitRows();
      await context.sync();
      progress?.(row - firstBodyRow, rows.length);
    }
    return { sheet: name, tableAddress: sheetAddress(name, blockAddress(model.headerRow, 0, bodyRows + 1, width)), binding };
  });
}
