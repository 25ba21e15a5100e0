// The 方案 sheet's model: a plan written as the sheet's cells reads back as the same plan, and a corrected
// sheet is checked cell by cell (core/plan/plan-sheet.ts; the Office.js side is in addin-plan-sheet.test.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importPlan } from "../../core/plan/import";
import { PLAN_SHEET_COLUMNS, planSheetContent, readPlanSheet } from "../../core/plan/plan-sheet";
import { Plan } from "../../core/plan/schema";

const seed = (id: string) => Plan.parse(JSON.parse(readFileSync(`seeds/plans/${id}.json`, "utf8")));
const SEEDS = ["zhuhai-gxq-2022", "jiangmen-zjj-2022", "zibo-gxq-2022", "zhuhai-gxq-2017"];

describe("the 方案 sheet", () => {
  it.each(SEEDS)("%s written into the sheet reads back as the same plan", (id) => {
    const plan = seed(id);
    const { rows } = planSheetContent(plan);
    const reading = readPlanSheet(rows, { id: plan.id, units: plan.units });
    expect(reading.error).toBeUndefined();
    expect(reading.plan).toEqual(plan);
  });

  it("puts each reported problem on its task's row and lists what was not imported under the table", () => {
    const { plan, report } = importPlan(readFileSync("seeds/003_9d18277b23ecf8aa.txt", "utf8"));
    const content = planSheetContent(plan, report);
    const row21 = content.rows[content.firstTaskRow - 1 + plan.tasks.findIndex((t) => t.id === "21")]!;
    expect(row21[PLAN_SHEET_COLUMNS.problems]).toContain("一次性发布");
    expect(content.marks.some((m) => m.column === PLAN_SHEET_COLUMNS.problems)).toBe(true);
    const notes = content.rows.slice(content.firstTaskRow - 1 + plan.tasks.length);
    expect(notes.map((r) => String(r[0]))).toContainEqual(expect.stringMatching(/^未作为任务导入的内容/));
    expect(notes.filter((r) => String(r[3]).includes("不是本方案的编号任务"))).toHaveLength(14);
    // What was not imported is shown, never read back as tasks.
    expect(readPlanSheet(content.rows, { id: plan.id, units: plan.units }).plan!.tasks).toHaveLength(plan.tasks.length);
  });

  it("检查方案 marks a deadline it cannot read, a missing lead, a number used twice and a unit the directory lacks", () => {
    const plan = seed("zhuhai-gxq-2022");
    const { rows, firstTaskRow } = planSheetContent(plan);
    const edit = (task: number, column: number, value: string) => (rows[firstTaskRow - 1 + task]![column] = value);
    edit(0, PLAN_SHEET_COLUMNS.deadline, "等通知");
    edit(1, PLAN_SHEET_COLUMNS.lead, "");
    edit(1, PLAN_SHEET_COLUMNS.allUnits, "");
    edit(3, PLAN_SHEET_COLUMNS.no, "3");
    edit(4, PLAN_SHEET_COLUMNS.lead, "区党正办");
    const { marks } = readPlanSheet(rows, { id: plan.id, units: plan.units });
    const at = (task: number, column: number) => marks.filter((m) => m.row === firstTaskRow + task && m.column === column);
    expect(at(0, PLAN_SHEET_COLUMNS.deadline)[0]).toMatchObject({ severity: "warning", message: expect.stringContaining("等通知") });
    expect(at(1, PLAN_SHEET_COLUMNS.lead)[0]).toMatchObject({ severity: "error", message: expect.stringContaining("没有写明牵头") });
    expect(at(3, PLAN_SHEET_COLUMNS.no)[0]).toMatchObject({ severity: "error", message: expect.stringContaining("不止一次") });
    expect(at(4, PLAN_SHEET_COLUMNS.lead)[0]).toMatchObject({ severity: "warning", message: expect.stringContaining("是否为「区党政办」") });
    // The seed's own item 39 names no unit either (see plan-import.test.ts): the only other error.
    const task39 = firstTaskRow + plan.tasks.findIndex((t) => t.id === "39");
    expect(marks.filter((m) => m.severity === "error").map((m) => m.row)).toEqual([firstTaskRow + 1, firstTaskRow + 3, task39]);
  });

  it("an office's own 分解表 sheet, in its own columns, reads as a plan", () => {
    const values = [
      ["2024年某县政务公开重点任务分解表"],
      ["编号", "重点任务", "完成时间", "牵头部门", "协办单位"],
      [1, "公开财政预决算", "2024年6月底前", "县财政局", "县直各部门"],
      [2, "公开重大项目进展", "每季度", "县发改局", ""],
    ];
    const { plan, marks, problemColumn } = readPlanSheet(values);
    expect(plan!.tasks.map((t) => [t.id, t.lead, t.allUnits])).toEqual([["1", ["县财政局"], true], ["2", ["县发改局"], false]]);
    expect(plan!.year).toBe(2024);
    expect(marks).toEqual([]);
    expect(problemColumn).toBe(5);
  });

  it("a sheet without a year or without tasks says so", () => {
    expect(readPlanSheet([["序号", "任务", "牵头单位"], ["1", "公开目录", "县政府办"]]).error).toMatch(/年度/);
    expect(readPlanSheet([["随便写的"]]).error).toMatch(/没有在文本中找到编号的任务/);
  });
});
