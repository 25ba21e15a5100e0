// The admin's 方案 sheet: 导入 writes the draft (core/plan/plan-sheet.ts lays it out), 检查方案 and 发布 read the
// cells back and mark problems in place. Each operation is one Excel.run with a fixed number of syncs.
import { run } from "./run";
import { z } from "zod";
import { PLAN_SHEET_HEADER, PLAN_SHEET_HEADER_ROW, PLAN_SHEET_NAME, PLAN_SHEET_WIDTHS, type PlanSheetContent, type PlanSheetMemory, type SheetMark, type SheetReading } from "../../core/plan/plan-sheet";
import { Unit } from "../../core/plan/schema";
import { blockAddress, cellText, chunkByPayload, splitAddress } from "./cells";
import { cellRuns, MARK_FILL } from "./marks";
import { readActiveSheet, type SheetGrid } from "./sheet-grid";

const MEMORY_KEY = "taizhang.planSheet";
const TABLE_NAME = "方案表";
const POINTS_PER_CHARACTER = 6;
const WRAPPED = new Set(["任务", "问题", "时限要求"]);

const Memory = z.object({ id: z.string().optional(), units: z.array(Unit).optional() });

function parseMemory(value: unknown): PlanSheetMemory {
  try {
    const parsed = Memory.safeParse(typeof value === "string" ? JSON.parse(value) : value);
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * 导入: the draft into the 方案 sheet, made or emptied first (an earlier draft's table goes), remembered in the
 * workbook's settings, and shown. Two syncs (see what is there; write), more only past ~4 MB of cells.
 */
export async function writePlanSheet(content: PlanSheetContent, memory: PlanSheetMemory): Promise<void> {
  await run(async (context) => {
    const existing = context.workbook.worksheets.getItemOrNullObject(PLAN_SHEET_NAME);
    const used = existing.getUsedRangeOrNullObject();
    used.load("address");
    const oldTable = context.workbook.tables.getItemOrNullObject(TABLE_NAME);
    await context.sync();

    if (!oldTable.isNullObject) oldTable.delete();
    const sheet = existing.isNullObject ? context.workbook.worksheets.add(PLAN_SHEET_NAME) : existing;
    if (!existing.isNullObject && !used.isNullObject) sheet.getRange(splitAddress(used.address).range).clear("All");
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
    table.name = TABLE_NAME;
    table.style = "TableStyleLight9";
    sheet.freezePanes.freezeRows(PLAN_SHEET_HEADER_ROW);
    for (const run of runsOf(content.marks)) sheet.getRange(blockAddress(run.row, run.column, run.rows, 1)).format.fill.color = MARK_FILL[run.severity];
    context.workbook.settings.add(MEMORY_KEY, JSON.stringify(memory));
    sheet.activate();

    let row = 1;
    for (const chunk of chunkByPayload(rows)) {
      if (chunk.length) sheet.getRange(blockAddress(row, 0, chunk.length, width)).values = chunk;
      row += chunk.length;
      await context.sync();
    }
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
 * 检查方案 and 发布 read the 方案 sheet (shown first), or, in a workbook without one, the sheet the admin has
 * open: an office's own 分解表. Two runs of one sync each.
 */
export async function readPlanSheetCells(): Promise<PlanSheetCells> {
  const { memory, ours } = await run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(PLAN_SHEET_NAME);
    const setting = context.workbook.settings.getItemOrNullObject(MEMORY_KEY);
    setting.load("value");
    await context.sync();
    if (!sheet.isNullObject) {
      sheet.activate();
      await context.sync();
    }
    return { memory: setting.isNullObject ? {} : parseMemory(setting.value), ours: !sheet.isNullObject };
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
