// Reading cells: the active sheet (for 使用当前表) and the bound 台账 (for 检查 and 同步). One read phase each.
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { unescapeFormulaText } from "../../core/sheet/escape";
import { queueBindingRead, NotBoundError, type WorkbookBinding } from "./binding";
import { isDateFormat, serialToIso, type CellValue } from "./cells";

/** A block of cell values as core's readSheet takes them, and where on the sheet it sits. */
export interface SheetGrid {
  sheet: string;
  /** The used range, e.g. "台账!A1:M42"; "" for an empty sheet. */
  address: string;
  /** 1-based sheet row of values[0]. */
  firstRow: number;
  /** 0-based column index of values[i][0]. */
  firstColumn: number;
  /** Cell values; a number in a cell formatted as a date comes as "YYYY-MM-DD", so dates read as dates. */
  values: CellValue[][];
}

export type LedgerField = (typeof LEDGER_COLUMNS)[number]["field"];

export interface LedgerSheetRow {
  /** 1-based sheet row, for marks and selection. */
  sheetRow: number;
  /** The row's cells by ledger field, per the binding's column layout. */
  cells: Partial<Record<LedgerField, CellValue>>;
}

export interface LedgerSheet {
  binding: WorkbookBinding;
  grid: SheetGrid;
  /** Rows below the header, blank rows left out. */
  rows: LedgerSheetRow[];
}

type LoadedRange = Excel.Range;

function queueGridRead(range: LoadedRange): void {
  range.load(["address", "rowIndex", "columnIndex", "values", "numberFormat"]);
}

function gridOf(sheet: string, range: LoadedRange | undefined): SheetGrid {
  if (!range) return { sheet, address: "", firstRow: 1, firstColumn: 0, values: [] };
  const formats = range.numberFormat as string[][];
  const values = (range.values as CellValue[][]).map((line, r) =>
    line.map((value, c) => {
      if (typeof value === "number" && isDateFormat(String(formats[r]?.[c] ?? ""))) return serialToIso(value);
      return typeof value === "string" ? unescapeFormulaText(value) : value;
    }),
  );
  return { sheet, address: range.address, firstRow: range.rowIndex + 1, firstColumn: range.columnIndex, values };
}

/** 使用当前表: the active sheet's used range, one sync. */
export async function readActiveSheet(): Promise<SheetGrid> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name");
    const used = sheet.getUsedRangeOrNullObject(true);
    queueGridRead(used);
    await context.sync();
    return gridOf(sheet.name, used.isNullObject ? undefined : used);
  });
}

/** The bound 台账's rows, two syncs (the binding says which sheet, then its cells) whatever the row count. */
export async function readLedger(): Promise<LedgerSheet> {
  return Excel.run(async (context) => {
    const readBinding = queueBindingRead(context);
    await context.sync();
    const binding = readBinding();
    if (!binding) throw new NotBoundError();

    const sheet = context.workbook.worksheets.getItemOrNullObject(binding.sheet);
    const used = sheet.getUsedRangeOrNullObject(true);
    queueGridRead(used);
    await context.sync();
    if (sheet.isNullObject) throw new Error(`找不到台账工作表「${binding.sheet}」：它可能被改名或删除了，请重新使用当前表`);
    const grid = gridOf(binding.sheet, used.isNullObject ? undefined : used);
    return { binding, grid, rows: ledgerRows(grid, binding) };
  });
}

/** The rows under the binding's header, cells picked by its column layout. */
export function ledgerRows(grid: SheetGrid, binding: WorkbookBinding): LedgerSheetRow[] {
  const rows: LedgerSheetRow[] = [];
  grid.values.forEach((line, r) => {
    const sheetRow = grid.firstRow + r;
    if (sheetRow <= binding.headerRow || line.every((value) => value === "")) return;
    const cells: LedgerSheetRow["cells"] = {};
    for (const [field, column] of Object.entries(binding.columns)) {
      const value = column === undefined ? undefined : line[column - grid.firstColumn];
      if (value !== undefined) cells[field as LedgerField] = value;
    }
    rows.push({ sheetRow, cells });
  });
  return rows;
}

