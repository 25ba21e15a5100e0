// Reading cells for core: every sheet's top rows (使用当前表 finds the ledger wherever it is), one sheet's used
// range with its merged areas, and the bound 台账. A fixed number of syncs each, whatever the row count.
import type { CellBox, SheetCells } from "../../core/sheet/grid";
import { boxOfA1 } from "../../core/sheet/grid";
import { HEADER_SEARCH_ROWS } from "../../core/sheet/read-sheet";
import { queueBindingRead, NotBoundError, type WorkbookBinding } from "./binding";
import { SheetProblem, run } from "./run";
import { isDateFormat, serialToIso, splitAddress, type CellValue } from "./cells";
import { queueAnsweredRead, type Answered } from "./marks";

/** A block of cell values as core reads them, and where on the sheet it sits. */
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
  /** Merged areas, 0-based from A1; undefined when Excel could not list them (then nothing counts as merged). */
  merges?: CellBox[];
}

export interface LedgerSheet {
  binding: WorkbookBinding;
  grid: SheetGrid;
  /** The office's reviews the clerk has answered (see marks.ts). */
  answered: Answered;
}

/** The top rows of every sheet, for finding the ledger: this many columns is wider than any 台账. */
const SCAN_COLUMNS = 40;

function queueGridRead(range: Excel.Range): void {
  range.load(["address", "rowIndex", "columnIndex", "values", "numberFormat"]);
}

/**
 * Queues the merged areas of the whole sheet (ExcelApi 1.13). Excel refuses past 512 areas, and older Excel
 * lacks the call: the caller's sync then fails and it reads again without them.
 */
function queueMerges(sheet: Excel.Worksheet): () => CellBox[] {
  const areas = sheet.getRange().getMergedAreasOrNullObject();
  areas.load("isNullObject");
  areas.areas.load("items/address");
  return () => (areas.isNullObject ? [] : areas.areas.items.flatMap((area) => boxOfA1(splitAddress(area.address).range) ?? []));
}

function plainValues(range: Excel.Range): CellValue[][] {
  const formats = range.numberFormat as string[][];
  return (range.values as CellValue[][]).map((line, r) =>
    line.map((value, c) => {
      if (typeof value === "number" && isDateFormat(String(formats[r]?.[c] ?? ""))) return serialToIso(value);
      return value;
    }),
  );
}

function gridOf(sheet: string, range: Excel.Range | undefined, merges?: CellBox[]): SheetGrid {
  if (!range) return { sheet, address: "", firstRow: 1, firstColumn: 0, values: [], ...(merges ? { merges } : {}) };
  return { sheet, address: range.address, firstRow: range.rowIndex + 1, firstColumn: range.columnIndex, values: plainValues(range), ...(merges ? { merges } : {}) };
}

/** The grid as core reads it: cells from A1 (rows and columns before the used range empty), merges as they are. */
export function gridCells(grid: SheetGrid): SheetCells {
  const pad = Array.from({ length: grid.firstColumn }, () => "");
  const cells: unknown[][] = Array.from({ length: grid.firstRow - 1 }, () => []);
  for (const line of grid.values) cells.push(grid.firstColumn ? [...pad, ...line] : line);
  return { name: grid.sheet, cells, ...(grid.merges ? { merges: grid.merges } : {}) };
}

/**
 * One sheet's used range and merged areas (and, with `show`, the sheet brought to the front), in the caller's
 * Excel.run: one sync, or two when the merged areas cannot be listed or the sheet is gone. A missing sheet is
 * `undefined`.
 */
export async function loadGridIn(context: Excel.RequestContext, name: string, options: { show?: boolean } = {}): Promise<SheetGrid | undefined> {
  const read = (withExtras: boolean) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    const used = sheet.getUsedRangeOrNullObject(true);
    queueGridRead(used);
    const merges = withExtras ? queueMerges(sheet) : undefined;
    if (withExtras && options.show) sheet.activate();
    return { sheet, used, merges };
  };
  let queued = read(true);
  try {
    await context.sync();
  } catch {
    queued = read(false);
    await context.sync();
  }
  const { sheet, used, merges } = queued;
  if (sheet.isNullObject) return undefined;
  return gridOf(name, used.isNullObject ? undefined : used, merges?.());
}

export interface WorkbookScan {
  /** The sheet the clerk has open. */
  active: string;
  /** Every sheet's first rows (enough to find a header), in workbook order. */
  sheets: SheetCells[];
}

/** 使用当前表, first look: every sheet's top rows and which one is open. Two syncs whatever the workbook holds. */
export async function scanWorkbook(): Promise<WorkbookScan> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const active = sheets.getActiveWorksheet();
    active.load("name");
    await context.sync();
    // Values only: a header is text, and the request stays small however many sheets there are.
    const tops = sheets.items.map((sheet) => {
      const range = sheet.getRangeByIndexes(0, 0, HEADER_SEARCH_ROWS + 3, SCAN_COLUMNS);
      range.load("values");
      return { name: sheet.name, range };
    });
    await context.sync();
    return { active: active.name, sheets: tops.map(({ name, range }) => ({ name, cells: range.values as CellValue[][] })) };
  });
}

/**
 * One sheet, whole, with its merged areas (the one 使用当前表 reads), brought to the front so the clerk sees the
 * columns the pane is naming. One or two syncs.
 */
export async function readSheetGrid(name: string): Promise<SheetGrid> {
  return run(async (context) => {
    const grid = await loadGridIn(context, name, { show: true });
    if (!grid) throw new SheetProblem(`找不到工作表「${name}」，它可能刚被改名或删除，请重新选择`);
    return grid;
  });
}

/** The sheet the admin has open (an office's own 分解表, or the 方案 sheet), values only: one sync. */
export async function readActiveSheet(): Promise<SheetGrid> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name");
    const used = sheet.getUsedRangeOrNullObject(true);
    queueGridRead(used);
    await context.sync();
    return gridOf(sheet.name, used.isNullObject ? undefined : used);
  });
}

/** The bound 台账's cells, two syncs (the binding says which sheet, then its cells) whatever the row count. */
export async function readLedger(): Promise<LedgerSheet> {
  return run(async (context) => {
    const readBinding = queueBindingRead(context);
    const readAnswered = queueAnsweredRead(context);
    await context.sync();
    const binding = readBinding();
    if (!binding) throw new NotBoundError();
    const grid = await loadGridIn(context, binding.sheet);
    if (!grid) throw new SheetProblem(`找不到台账工作表「${binding.sheet}」：它可能被改名或删除了，请重新使用当前表`);
    return { binding, grid, answered: readAnswered() };
  });
}
