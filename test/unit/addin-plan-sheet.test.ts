// The admin's 方案 sheet through Office.js (the workbook mock): 导入 writes it, 检查方案 reads it back and marks
// problems in place, each with the same number of context.sync() calls for a plan of 60 tasks or of 600.
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { markPlanSheet, readPlanSheetCells, writePlanSheet } from "../../addin/excel/plan-sheet";
import { gridCells } from "../../addin/excel/sheet-grid";
import { importPlan } from "../../core/plan/import";
import { PLAN_SHEET_COLUMNS, PLAN_SHEET_HEADER, planSheetContent, readPlanSheet } from "../../core/plan/plan-sheet";
import { Plan } from "../../core/plan/schema";
import { MockWorkbook } from "./addin-workbook-mock";

const seedPlan = Plan.parse(JSON.parse(readFileSync("seeds/plans/jiangmen-zjj-2022.json", "utf8")));

/** A plan of n tasks made from the seed's, numbered 1 … n. */
function planOf(n: number): Plan {
  return { ...seedPlan, tasks: Array.from({ length: n }, (_, i) => ({ ...seedPlan.tasks[i % seedPlan.tasks.length]!, id: String(i + 1), no: String(i + 1), text: `第${i + 1}项：${seedPlan.tasks[i % seedPlan.tasks.length]!.text}` })) };
}

describe("方案 sheet", () => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
    book.addSheet("Sheet1");
    book.install();
  });

  it("导入 writes the draft as a table with the report's problems on their rows, and 检查方案 reads the same plan back", async () => {
    const { plan, report } = importPlan(readFileSync("seeds/003_9d18277b23ecf8aa.txt", "utf8"));
    const content = planSheetContent(plan, report);
    await writePlanSheet(content, { id: plan.id, units: plan.units });
    const sheet = book.sheet("方案")!;
    expect(PLAN_SHEET_HEADER.map((_, c) => sheet.cell(4, c)?.value)).toEqual([...PLAN_SHEET_HEADER]);
    expect(sheet.tables).toEqual([{ name: "方案表", address: `A4:J${4 + plan.tasks.length}` }]);
    expect(sheet.cell(5, 0)).toMatchObject({ value: "1", format: "@" });
    const row21 = 5 + plan.tasks.findIndex((t) => t.id === "21");
    expect(String(sheet.cell(row21, PLAN_SHEET_COLUMNS.problems)?.value)).toContain("一次性发布");
    expect(sheet.cell(row21, PLAN_SHEET_COLUMNS.problems)?.fill).toBe("#FFEB9C");
    expect(book.active).toBe("方案");

    const cells = await readPlanSheetCells();
    expect(cells.ours).toBe(true);
    const reading = readPlanSheet(gridCells(cells.grid).cells, cells.memory);
    expect(reading.plan).toEqual(plan);
  });

  it("检查方案 marks the cells the admin got wrong, and unmarks them once fixed", async () => {
    const plan = planOf(8);
    await writePlanSheet(planSheetContent(plan), { id: plan.id, units: plan.units });
    const sheet = book.sheet("方案")!;
    sheet.set(6, PLAN_SHEET_COLUMNS.deadline, { value: "等上级通知" });
    sheet.set(7, PLAN_SHEET_COLUMNS.lead, { value: "" });
    sheet.set(7, PLAN_SHEET_COLUMNS.allUnits, { value: "" });

    const check = async () => {
      const cells = await readPlanSheetCells();
      const reading = readPlanSheet(gridCells(cells.grid).cells, cells.memory);
      await markPlanSheet(cells.grid.sheet, reading);
      return reading;
    };
    const first = await check();
    expect(first.marks.map((m) => [m.row, m.column, m.severity])).toEqual([
      [6, PLAN_SHEET_COLUMNS.deadline, "warning"],
      [7, PLAN_SHEET_COLUMNS.lead, "error"],
    ]);
    expect(sheet.cell(6, PLAN_SHEET_COLUMNS.deadline)?.fill).toBe("#FFEB9C");
    expect(sheet.cell(7, PLAN_SHEET_COLUMNS.lead)?.fill).toBe("#FFC7CE");
    expect(String(sheet.cell(7, PLAN_SHEET_COLUMNS.problems)?.value)).toContain("没有写明牵头");
    // 时限识别为 shows what the corrected deadline reads as now.
    expect(sheet.cell(6, PLAN_SHEET_COLUMNS.readAs)?.value).toBe("未能识别");

    sheet.set(7, PLAN_SHEET_COLUMNS.lead, { value: "办公室" });
    const second = await check();
    expect(second.marks.map((m) => m.row)).toEqual([6]);
    expect(sheet.cell(7, PLAN_SHEET_COLUMNS.lead)?.fill).toBeUndefined();
    expect(sheet.cell(7, PLAN_SHEET_COLUMNS.problems)?.value).toBe("");
  });

  it("a workbook without a 方案 sheet is read from the sheet the admin has open (an office's own 分解表)", async () => {
    const own = book.sheet("Sheet1")!;
    [["2024年某县政务公开重点任务分解表"], ["编号", "重点任务", "完成时间", "牵头部门"], [1, "公开财政预决算", "2024年6月底前", "县财政局"]].forEach((line, r) =>
      line.forEach((value, c) => own.set(r + 1, c, { value })),
    );
    const cells = await readPlanSheetCells();
    expect(cells.ours).toBe(false);
    expect(readPlanSheet(gridCells(cells.grid).cells, cells.memory).plan!.tasks[0]).toMatchObject({ id: "1", lead: ["县财政局"] });
  });

  describe("a second 导入 loses nothing of the admin's", () => {
    const other = () => ({ ...planOf(3), id: "other-2024", title: "另一份方案" });
    const write = (plan: Plan, target?: "ask" | "replace" | "new") => writePlanSheet(planSheetContent(plan), { id: plan.id, units: plan.units }, target);
    const taskCell = (sheet: string, task: number, column: number) => book.sheet(sheet)!.cell(4 + task, column)?.value;

    it("replaces a 方案 sheet still as 导入 wrote it, formula-like text and characters Excel cannot hold included, and after 检查方案 rewrote its own columns", async () => {
      const plan = planOf(8);
      plan.tasks[0] = { ...plan.tasks[0]!, text: "=HYPERLINK(\"x\")公开目录", deadline: { text: "'6月底前\uFFFE", rules: [] } };
      plan.tasks[1] = { ...plan.tasks[1]!, lead: [], support: [], allUnits: false };
      await write(plan);
      const cells = await readPlanSheetCells();
      await markPlanSheet(cells.grid.sheet, readPlanSheet(gridCells(cells.grid).cells, cells.memory));
      expect(String(book.sheet("方案")!.cell(6, PLAN_SHEET_COLUMNS.problems)?.value)).toContain("没有写明牵头");
      expect(await write(other())).toEqual({ written: "方案" });
      expect(taskCell("方案", 1, PLAN_SHEET_COLUMNS.text)).toBe(other().tasks[0]!.text);
      expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "方案"]);
    });

    it("asks about a corrected 方案 sheet without writing (one sync), then writes 方案(2) beside it, or over it when told", async () => {
      const first = planOf(8);
      await write(first);
      book.sheet("方案")!.set(6, PLAN_SHEET_COLUMNS.deadline, { value: "8月底前" });
      const runs = book.runs.length;

      expect(await write(other())).toEqual({ kept: "方案", next: "方案(2)" });
      expect(book.runs.slice(runs)).toEqual([1]);
      expect(taskCell("方案", 2, PLAN_SHEET_COLUMNS.deadline)).toBe("8月底前");
      expect(taskCell("方案", 1, PLAN_SHEET_COLUMNS.text)).toBe(first.tasks[0]!.text);

      expect(await write(other(), "new")).toEqual({ written: "方案(2)" });
      expect(taskCell("方案", 2, PLAN_SHEET_COLUMNS.deadline)).toBe("8月底前");
      expect(taskCell("方案(2)", 1, PLAN_SHEET_COLUMNS.text)).toBe(other().tasks[0]!.text);
      expect(book.sheets.flatMap((s) => s.tables.map((t) => [s.name, t.name]))).toEqual([["方案", "方案表"], ["方案(2)", "方案表2"]]);

      // 检查方案 reads the sheet open (each with its own memory), else the last written.
      expect((await readPlanSheetCells()).memory.id).toBe("other-2024");
      book.active = "方案";
      const corrected = await readPlanSheetCells();
      expect([corrected.grid.sheet, corrected.memory.id]).toEqual(["方案", first.id]);
      book.active = "Sheet1";
      expect((await readPlanSheetCells()).grid.sheet).toBe("方案(2)");

      // The corrected 方案 still asks; a third draft would go to 方案(3); 替换 writes over it.
      expect(await write(other())).toEqual({ kept: "方案", next: "方案(3)" });
      expect(await write(other(), "replace")).toEqual({ written: "方案" });
      expect(taskCell("方案", 2, PLAN_SHEET_COLUMNS.deadline)).toBe(other().tasks[1]!.deadline.text);
      expect(book.sheets.flatMap((s) => s.tables.map((t) => t.name))).toEqual(["方案表", "方案表2"]);
      // Now as written again: the next 导入 replaces it without asking.
      expect(await write(first)).toEqual({ written: "方案" });
    });

    it("asks about a 方案 sheet 导入 did not write (the admin's own), and writes into an empty one", async () => {
      const own = book.addSheet("方案");
      own.set(1, 0, { value: "本单位自己整理的方案" });
      expect(await write(other())).toMatchObject({ kept: "方案" });
      own.set(1, 0, { value: "" });
      expect(await write(other())).toEqual({ written: "方案" });
    });

    it("reads the memory an earlier version kept for the one 方案 sheet", async () => {
      const plan = planOf(3);
      await write(plan);
      book.settings.set("taizhang.planSheet", JSON.stringify({ id: "kept-id", units: plan.units }));
      expect((await readPlanSheetCells()).memory.id).toBe("kept-id");
    });
  });

  it.each([60, 600])("uses the same syncs for %i tasks: write 2, read 3 in two runs, mark 1", async (n) => {
    const plan = planOf(n);
    await writePlanSheet(planSheetContent(plan), { id: plan.id, units: plan.units });
    expect(book.runs).toEqual([2]);
    const cells = await readPlanSheetCells();
    expect(book.runs.slice(1)).toEqual([2, 1]);
    const reading = readPlanSheet(gridCells(cells.grid).cells, cells.memory);
    await markPlanSheet(cells.grid.sheet, reading);
    expect(book.runs.slice(3)).toEqual([1]);
    expect(reading.plan!.tasks).toHaveLength(n);
  });
});
