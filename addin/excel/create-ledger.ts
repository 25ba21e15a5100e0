// 新建台账: the unit's sheet written in one go — title, header, rows, table, drop-down, formats — then bound.
import type { LedgerRow } from "../../core/ledger/schema";
import { LEDGER_STATUSES } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { STANDARD_LAYOUT, queueBindingWrite, type WorkbookBinding } from "./binding";
import { blockAddress, cellText, chunkByPayload, sheetAddress } from "./cells";
import { NUMBER_FORMAT, columnRuns, runMatrix } from "./ledger-cells";

export const LEDGER_SHEET_NAME = "台账";
/** Chinese Excel names tables 表1, 表2 …; ours is 台账表 (台账表2 …), found again through the binding. */
const LEDGER_TABLE_NAME = "台账表";
const TITLE_ROW = 1;
const HEADER_ROW = 2;
/** Excel column widths are in points; one character of LEDGER_COLUMNS width is about six. */
const POINTS_PER_CHARACTER = 6;
const WRAPPED_FIELDS = new Set(["task", "deadline", "measures", "progress", "evidence", "note"]);

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
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const tables = context.workbook.tables;
    sheets.load("items/name");
    tables.load("items/name");
    await context.sync();

    const name = freeSheetName(sheets.items.map((sheet) => sheet.name));
    const tableName = freeSheetName(tables.items.map((table) => table.name), LEDGER_TABLE_NAME).replace(" ", "");
    const sheet = sheets.add(name);
    const width = LEDGER_COLUMNS.length;
    const bodyRows = Math.max(rows.length, 1); // an Excel table needs one body row, even an empty one
    const firstBodyRow = HEADER_ROW + 1;

    const title = sheet.getRange(blockAddress(TITLE_ROW, 0, 1, width));
    title.merge(false);
    title.values = [[cellText(`${unit}政务公开工作任务台账`), ...Array<string>(width - 1).fill("")]];
    title.format.font.bold = true;
    title.format.font.size = 16;
    title.format.horizontalAlignment = "Center";

    // Formats before values: a text column must already be text when "1.10" arrives, or Excel makes it 1.1.
    const body = sheet.getRange(blockAddress(firstBodyRow, 0, bodyRows, width));
    body.numberFormat = Array.from({ length: bodyRows }, () => LEDGER_COLUMNS.map((column) => NUMBER_FORMAT[column.kind]));
    body.format.verticalAlignment = "Top";

    const header = sheet.getRange(blockAddress(HEADER_ROW, 0, 1, width));
    header.values = [LEDGER_COLUMNS.map((column) => column.header)];
    header.format.font.bold = true;

    const table = sheet.tables.add(blockAddress(HEADER_ROW, 0, bodyRows + 1, width), true);
    table.name = tableName;
    table.style = "TableStyleMedium2";

    LEDGER_COLUMNS.forEach((column, index) => {
      const whole = sheet.getRange(blockAddress(HEADER_ROW, index, bodyRows + 1, 1));
      whole.format.columnWidth = column.width * POINTS_PER_CHARACTER;
      if (WRAPPED_FIELDS.has(column.field)) whole.format.wrapText = true;
      if (column.kind === "status") {
        const cells = sheet.getRange(blockAddress(firstBodyRow, index, bodyRows, 1));
        cells.dataValidation.clear();
        cells.dataValidation.rule = { list: { inCellDropDown: true, source: LEDGER_STATUSES.join(",") } };
      }
    });
    sheet.freezePanes.freezeRows(HEADER_ROW);

    const binding: WorkbookBinding = {
      planId: plan.id,
      unit,
      version: 0,
      planVersion: plan.version ?? 0,
      sheet: name,
      headerRow: HEADER_ROW,
      columns: STANDARD_LAYOUT,
      table: tableName,
    };
    queueBindingWrite(context, binding);
    sheet.activate();

    // Values go into the table's body as one Range.values, never Table.rows.add: that conflicts under co-authoring.
    const [run] = columnRuns(STANDARD_LAYOUT);
    let row = firstBodyRow;
    for (const chunk of chunkByPayload(rows)) {
      if (chunk.length > 0 && run) sheet.getRange(blockAddress(row, run.first, chunk.length, run.columns.length)).values = runMatrix(chunk, run);
      row += chunk.length;
      await context.sync();
    }
    return { sheet: name, tableAddress: sheetAddress(name, blockAddress(HEADER_ROW, 0, bodyRows + 1, width)), binding };
  });
}
