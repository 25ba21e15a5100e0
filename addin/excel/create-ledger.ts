// 新建台账: core's ledger sheet model (core/sheet/ledger-sheet.ts) written in one go — title, header, rows,
// table, drop-down, formats — then bound. The exceljs writer renders the same model (api/xlsx/ledger-workbook.ts).
import type { LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { LEDGER_SHEET_NAME, ledgerSheetModel } from "../../core/sheet/ledger-sheet";
import { STANDARD_LAYOUT, queueBindingWrite, type WorkbookBinding } from "./binding";
import { blockAddress, chunkByPayload, sheetAddress } from "./cells";
import { rangeValue } from "./ledger-cells";

export { LEDGER_SHEET_NAME };
/** Chinese Excel names tables 表1, 表2 …; ours is 台账表 (台账表2 …), found again through the binding. */
const LEDGER_TABLE_NAME = "台账表";
/** Excel column widths are in points; one character of LEDGER_COLUMNS width is about six. */
const POINTS_PER_CHARACTER = 6;

export interface CreatedLedger {
  sheet: string;
  /** The table's address, header included, e.g. "台账!A2:M42". */
  tableAddress: string;
  binding: WorkbookBinding;
}

/** 台账, or 台账 2, 台账 3 … when the workbook already has one: never overwrite a sheet. */
export function freeSheetName(existing: readonly string[], base = LEDGER_SHEET_NAME): string {
  const taken = new Set(existing);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** Two syncs whatever the row count (one to read sheet names, one to write); more only past ~4 MB of cells. */
export async function createLedgerSheet(plan: Plan, unit: string, rows: readonly LedgerRow[]): Promise<CreatedLedger> {
  const model = ledgerSheetModel(unit, rows);
  return Excel.run(async (context) => {
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

    // Formats before values: a text column must already be text when "1.10" arrives, or Excel makes it 1.1.
    const body = sheet.getRange(blockAddress(firstBodyRow, 0, bodyRows, width));
    body.numberFormat = Array.from({ length: bodyRows }, () => model.columns.map((column) => column.numberFormat));
    body.format.verticalAlignment = "Top";

    const header = sheet.getRange(blockAddress(model.headerRow, 0, 1, width));
    header.values = [model.columns.map((column) => column.header)];
    header.format.font.bold = true;

    const table = sheet.tables.add(blockAddress(model.headerRow, 0, bodyRows + 1, width), true);
    table.name = tableName;
    table.style = "TableStyleMedium2";

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
    sheet.activate();

    // Values go into the table's body as one Range.values, never Table.rows.add: that conflicts under co-authoring.
    let row = firstBodyRow;
    for (const chunk of chunkByPayload(model.rows)) {
      if (chunk.length > 0) sheet.getRange(blockAddress(row, 0, chunk.length, width)).values = chunk.map((line) => line.map(rangeValue));
      row += chunk.length;
      await context.sync();
    }
    return { sheet: name, tableAddress: sheetAddress(name, blockAddress(model.headerRow, 0, bodyRows + 1, width)), binding };
  });
}
