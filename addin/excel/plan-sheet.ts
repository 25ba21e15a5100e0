// The admin's 方案 sheet: 导入 writes the draft (core/plan/plan-sheet.ts lays it out), 检查方案 and 发布 read the
// cells back and mark problems in place. Each operation is one Excel.run with a fixed number of syncs.
import { run } from "./run";
import { z } from "zod";
import {
  nextPlanSheet, PLAN_SHEET_HEADER, PLAN_SHEET_HEADER_ROW, PLAN_SHEET_NAME, PLAN_SHEET_WIDTHS, PLAN_TABLE_NAME, planSheetDigest, planSheetWritten,
  type PlanSheetContent, type PlanSheetMemory, type SheetMark, type SheetReading,
} from "../../core/plan/plan-sheet";
import { Unit } from "../../core/plan/schema";
import { blockAddress, cellText, chunkByPayload, splitAddress } from "./cells";
import { cellRuns, MARK_FILL } from "./marks";
import { readActiveSheet, type SheetGrid } from "./sheet-grid";

const MEMORY_KEY = "taizhang.planSheet";
const POINTS_PER_CHARACTER = 6;
const WRAPPED = new Set(["任务", "问题", "时限要求"]);

const SheetMemory = z.object({
  id: z.string().optional(),
  units: z.array(Unit).optional(),
  /** planSheetDigest of the sheet as 导入 wrote it: a sheet that no longer has it holds the admin's corrections. */
  written: z.string().optional(),
});
type SheetMemory = z.infer<typeof SheetMemory>;
/** Each plan sheet Taizhang wrote, by name, and the last one written. */
interface Memory {
  sheets: Record<string, SheetMemory>;
  last?: string;
}
const Memory: z.ZodType<Memory, unknown> = z.union([
  z.object({ sheets: z.record(z.string(), SheetMemory), last: z.string().optional() }),
  // Before 方案(2) there was one sheet, and its memory was all there was.
  SheetMemory.transform((one): Memory => ({ sheets: { [PLAN_SHEET_NAME]: one }, last: PLAN_SHEET_NAME })),
]);

function parseMemory(value: unknown): Memory {
  try {
    const parsed = Memory.safeParse(typeof value === "string" ? JSON.parse(value) : value);
    return parsed.success ? parsed.data : { sheets: {} };
  } catch {
    return { sheets: {} };
  }
}

/**
 * Where 导入 writes: "ask" writes into the 方案 sheet only when nothing of the admin's would be lost (no such sheet,
 * an empty one, or one still as the last 导入 wrote it); "replace" writes over it; "new" writes into 方案(2) (or the
 * next free number) and leaves 方案 as it is.
 */
export type PlanSheetTarget = "ask" | "replace" | "new";

export type PlanSheetWrite =
  | { written: string }
  /** Nothing written: the 方案 sheet differs from what 导入 last wrote there; `next` is where "new" would write. */
  | { kept: string; next: string };

/**
 * 导入: the draft into the 方案 sheet (made, or emptied first) or a new 方案(n), remembered in the workbook's
 * settings, and shown. Two syncs (see what is there; write), more only past ~4 MB of cells; one when it stops to
 * ask.
 */
export async function writePlanSheet(content: PlanSheetContent, memory: PlanSheetMemory, target: PlanSheetTarget = "ask"): Promise<PlanSheetWrite> {
  return run(async (context) => {
    const book = context.workbook;
    const existing = book.worksheets.getItemOrNullObject(PLAN_SHEET_NAME);
    const used = existing.getUsedRangeOrNullObject();
    used.load("address");
    const typed = existing.getUsedRangeOrNullObject(true);
    typed.load("values,rowIndex,columnIndex");
    const setting = book.settings.getItemOrNullObject(MEMORY_KEY);
    setting.load("value");
    book.worksheets.load("items/name");
    book.tables.load("items/name");
    const oldTable = book.tables.getItemOrNullObject(PLAN_TABLE_NAME);
    await context.sync();

    const stored: Memory = setting.isNullObject ? { sheets: {} } : parseMemory(setting.value);
    const sheetNames = book.worksheets.items.map((s) => s.name);
    const next = nextPlanSheet(sheetNames, book.tables.items.map((t) => t.name));
    const edited = !existing.isNullObject && !typed.isNullObject && planSheetDigest(typed.values, typed.rowIndex, typed.columnIndex) !== stored.sheets[PLAN_SHEET_NAME]?.written;
    if (target === "ask" && edited) return { kept: PLAN_SHEET_NAME, next: next.sheet };

    // "new" beside an existing 方案 sheet; otherwise the 方案 sheet, made or emptied (its old table goes first).
    const fresh = target === "new" && !existing.isNullObject;
    const name = fresh ? next.sheet : PLAN_SHEET_NAME;
    const replacing = !fresh && !existing.isNullObject;
    if (replacing && !oldTable.isNullObject) oldTable.delete();
    const sheet = existing.isNullObject || fresh ? book.worksheets.add(name) : existing;
    if (replacing && !used.isNullObject) sheet.getRange(splitAddress(used.address).range).clear("All");
    const width = PLAN_SHEET_HEADER.length;
    const rows = content.rows.map((row) => row.map((value) => (typeof value === "number" ? value : cellText(value))));

    // Text format first: "1.10", "2024-06-30" and "3-2" stay as typed, never numbers or dates.
    sheet.getRange(blockAddress(1, 0, rows.length, width)).numberFormat = rows.map(() => Array<string>(width).fill("@"));
    PLAN_SHEET_WIDTHS.forEach((characters, c) => {
      const column = sheet.getRange(blockAddress(PLAN_SHEET_HEADER_ROW, c, content.taskRows + 1, 1));
      column.format.columnWidth = characters * POINTS_PER_CHARACTER;
      if (WRAPPED.has(PLAN_SHEET_HEADER[c]!)) column.format.wrapText = true;
    });
    sheet.getRange("A1").format.font.bold = true;
    const table = sheet.tables.add(blockAddress(PLAN_SHEET_HEADER_ROW, 0, Math.max(content.taskRows, 1) + 1, width), true);
    // Table names are the workbook's: 方案表 unless another sheet (a renamed old 方案) still has it.
    table.name = oldTable.isNullObject || replacing ? PLAN_TABLE_NAME : next.table;
    table.style = "TableStyleLight9";
    sheet.freezePanes.freezeRows(PLAN_SHEET_HEADER_ROW);
    for (const run of runsOf(content.marks)) sheet.getRange(blockAddress(run.row, run.column, run.rows, 1)).format.fill.color = MARK_FILL[run.severity];
    // Memory of sheets since deleted goes; the one written is remembered with what it holds now.
    const sheets = Object.fromEntries(Object.entries(stored.sheets).filter(([n]) => sheetNames.includes(n)));
    sheets[name] = { ...memory, written: planSheetWritten(content) };
    book.settings.add(MEMORY_KEY, JSON.stringify({ sheets, last: name }));
    sheet.activate();

    let row = 1;
    for (const chunk of chunkByPayload(rows)) {
      if (chunk.length) sheet.getRange(blockAddress(row, 0, chunk.length, width)).values = chunk;
      row += chunk.length;
      await context.sync();
    }
    return { written: name };
  });
}

/** Marks of one severity one above the other become one fill. */
function runsOf(marks: readonly SheetMark[]) {
  return (["warning", "error"] as const).flatMap((severity) =>
    cellRuns(marks.filter((m) => m.severity === severity).map((m) => ({ sheet: "", row: m.row, column: m.column }))).map((run) => ({ ...run, severity })),
  );
}

export interface PlanSheetCells {
  grid: SheetGrid;
  memory: PlanSheetMemory;
  /** The sheet is Taizhang's own 方案 sheet (not an office's 分解表 open in the active sheet). */
  ours: boolean;
}

/**
 * 检查方案 and 发布 read a plan sheet Taizhang wrote: the one open, else the last written (shown first); in a workbook
 * without one, the sheet the admin has open: an office's own 分解表. Two runs, of two syncs and one.
 */
export async function readPlanSheetCells(): Promise<PlanSheetCells> {
  const { memory, ours } = await run(async (context) => {
    const book = context.workbook;
    const setting = book.settings.getItemOrNullObject(MEMORY_KEY);
    setting.load("value");
    const active = book.worksheets.getActiveWorksheet();
    active.load("name");
    book.worksheets.load("items/name");
    await context.sync();
    const stored: Memory = setting.isNullObject ? { sheets: {} } : parseMemory(setting.value);
    const names = new Set(book.worksheets.items.map((s) => s.name));
    const known = (name: string | undefined) => (name !== undefined && names.has(name) && (name in stored.sheets || name === PLAN_SHEET_NAME) ? name : undefined);
    const chosen = known(active.name) ?? known(stored.last) ?? known(PLAN_SHEET_NAME);
    if (chosen) book.worksheets.getItem(chosen).activate();
    await context.sync();
    const { written: _, ...memory } = (chosen && stored.sheets[chosen]) || {};
    return { memory: memory as PlanSheetMemory, ours: chosen !== undefined };
  });
  const grid = await readActiveSheet();
  return { grid, memory: ours ? memory : {}, ours };
}

/**
 * 检查方案's marks: the 问题 column rewritten for every row of the table's body, the body's fills cleared and the
 * problem cells filled. One sync whatever the count.
 */
export async function markPlanSheet(sheetName: string, reading: Pick<SheetReading, "marks" | "problemColumn" | "bodyRows" | "readAs">): Promise<void> {
  const { marks, problemColumn, bodyRows, readAs } = reading;
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const [first, last] = bodyRows;
    const count = Math.max(0, last - first + 1);
    if (count > 0) {
      sheet.getRange(blockAddress(first, 0, count, problemColumn + 1)).format.fill.clear();
      const messages = new Map<number, string[]>();
      for (const mark of marks) messages.set(mark.row, [...(messages.get(mark.row) ?? []), mark.message]);
      const column = sheet.getRange(blockAddress(first, problemColumn, count, 1));
      column.numberFormat = Array.from({ length: count }, () => ["@"]);
      column.values = Array.from({ length: count }, (_, i) => [cellText((messages.get(first + i) ?? []).join("；"))]);
      column.format.wrapText = true;
      sheet.getRange(blockAddress(first - 1, problemColumn)).values = [["问题"]];
      // 时限识别为 as the deadlines read now, after the admin's corrections.
      if (readAs) sheet.getRange(blockAddress(first, readAs.column, count, 1)).values = Array.from({ length: count }, (_, i) => [cellText(readAs.rows.get(first + i) ?? "")]);
    }
    for (const run of runsOf(marks)) sheet.getRange(blockAddress(run.row, run.column, run.rows, 1)).format.fill.color = MARK_FILL[run.severity];
    await context.sync();
  });
}
