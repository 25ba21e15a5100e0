// The 督查 sheets' figures from core/merge/sheets.ts, against the statutory calendar: a unit that reported on
// time, one that reported late (after 端午, 2022-06-03, which is not a working day), and one that never reported.
// Then how the rows look (fills every reader shows, heights from the text), which both writers take as they are.
import { describe, expect, it } from "vitest";
import { cellFills, fillRuns, rowHeight } from "../../core/merge/looks";
import { ONE_PAGE_WIDTH, pageFit } from "../../core/merge/print";
import { consolidatedSheetBuilder, type SheetTable } from "../../core/merge/sheets";
import { plan, row } from "../fixtures/oversight/plan";

const m = { measures: "已部署" };
const build = () => {
  const sheets = consolidatedSheetBuilder(plan, { today: "2022-10-13", returns: new Map([["区建设局", 1]]) });
  const merged = sheets.add([
    { unit: "区建设局", version: 2, firstSyncAt: "2022-05-20T02:00:00.000Z", rows: [row("1", { status: "已完成", doneOn: "2022-05-19", ...m }), row("3", { status: "推进中", ...m }), row("4", { status: "长期坚持", ...m })] },
    { unit: "区财政局", version: 1, firstSyncAt: "2022-06-06T02:00:00.000Z", rows: [row("1", { status: "推进中", ...m }), row("2", { status: "未开始" }), row("4", { status: "长期坚持", ...m })] },
  ]);
  return { sheets, merged, totals: sheets.finish() };
};

const byUnit = (table: SheetTable, unitColumn = 0) => {
  const header = table.header;
  return new Map(table.rows.map((r) => [String(r[unitColumn]), Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
};

describe("单位统计, from the plan's deadlines on the calendar", () => {
  const { totals } = build();
  const stats = byUnit(totals.unitCounts);

  it("counts a unit that reported on time: done, done on time, overdue", () => {
    // 区建设局 carries 1 (done 05-19, due 09-28), 3 (open, due 10-12: overdue on 10-13) and 4 (长期坚持).
    expect(stats.get("区建设局")).toMatchObject({ 完成率: 2 / 3, 按时完成率: 1 / 2, 逾期数: 1, 报送情况: "按时", 报送时间: "2022-05-20", 应完成任务: 3, 已完成: 2, 已到期任务: 2, 按时完成: 1, 退回次数: 1 });
  });

  it("counts a unit that reported after ledgerDue as 逾期, three working days late (端午 not counted)", () => {
    expect(stats.get("区财政局")).toMatchObject({ 完成率: 1 / 3, 按时完成率: 0, 逾期数: 2, 报送情况: "逾期", 报送时间: "2022-06-06" });
    const ranking = byUnit(totals.ranking, 1);
    // 报送及时: 100 less 10 a working day: 06-01, 06-02, 06-06 (06-03 端午, 06-04/05 the weekend).
    expect(ranking.get("区财政局")!.报送及时得分).toBe(70);
  });

  it("lists the units that never reported, with their overdue tasks and 未报送", () => {
    // 区教育局 carries 4 and 5 (due 06-30); 区卫健局 only 4 (长期坚持, never due).
    expect(stats.get("区教育局")).toMatchObject({ 完成率: 0, 按时完成率: 0, 逾期数: 1, 报送情况: "未报送", 报送时间: "", 应完成任务: 2 });
    expect(stats.get("区卫健局")).toMatchObject({ 逾期数: 0, 报送情况: "未报送", 按时完成率: "" });
    expect(totals.unitCounts.rows.map((r) => r[0])).toEqual(plan.units.map((u) => u.name));
    expect(totals.notReported.rows).toEqual([["区教育局", "逾期未报送"], ["区卫健局", "逾期未报送"]]);
    expect(totals.ranking.rows.slice(-2).map((r) => r[1])).toEqual(["区教育局", "区卫健局"]);
  });

  it("gives 任务进度 each task's lead units and completion over the units that carry it", () => {
    const progress = byUnit(totals.progress, 1);
    const first = progress.get(plan.tasks[0]!.text)!;
    expect(first).toMatchObject({ 牵头单位: "区建设局", "已完成/应完成": "1/2", 完成率: 0.5, 区建设局: "已完成", 区财政局: "推进中（逾期）" });
    expect(progress.get(plan.tasks[3]!.text)).toMatchObject({ 牵头单位: "各单位", "已完成/应完成": "2/4" });
    // Every unit has a column: one that never reported reads 未报送, a task not its own 不涉及, never a blank.
    expect(progress.get(plan.tasks[4]!.text)).toMatchObject({ 区教育局: "未报送", 区建设局: "不涉及", "已完成/应完成": "0/1" });
    expect(totals.progress.header.slice(5)).toEqual(plan.units.map((u) => u.name));
  });
});

describe("how the rows look", () => {
  const { sheets, merged, totals } = build();
  const frame = sheets.consolidated;

  it("fills 汇总台账's overdue rows across and their status cell by its own colour", () => {
    const overdue = merged.find((r) => r[1] === "3" && r[0] === "区建设局")!;
    const fills = cellFills(frame, overdue);
    const status = frame.header.indexOf("完成状态");
    // 推进中 keeps its yellow inside the overdue row: the status says where it stands, the row that it is late.
    expect(fills[status]).toBe("#FFEB9C");
    expect(fills[0]).toBe("#FCE4D6");
    expect(fillRuns(frame, overdue)).toEqual([
      { from: 0, to: status - 1, fill: "#FCE4D6" },
      { from: status, to: status, fill: "#FFEB9C" },
      { from: status + 1, to: frame.header.length - 1, fill: "#FCE4D6" },
    ]);
    const done = merged.find((r) => r[1] === "1" && r[0] === "区建设局")!;
    expect(fillRuns(frame, done)).toEqual([{ from: status, to: status, fill: "#C6EFCE" }]);
  });

  it("colours 报送情况 in 单位统计: 未报送 red, 逾期 yellow, 按时 green", () => {
    const column = totals.unitCounts.header.indexOf("报送情况");
    expect(totals.unitCounts.rows.map((r) => cellFills(totals.unitCounts, r)[column])).toEqual(["#C6EFCE", "#FFEB9C", "#F8CBAD", "#F8CBAD"]);
  });

  it("makes a row as tall as its longest wrapped text, one line when nothing wraps", () => {
    const short = merged[0]!;
    const long = [...short];
    long[frame.header.indexOf("进展情况")] = "已在政府网站专栏发布相关信息十二条，开展政策解读两次，回应公众关切三件。".repeat(3);
    expect(rowHeight(frame, long)).toBeGreaterThan(3 * rowHeight({ widths: frame.widths }, short));
    expect(rowHeight({ widths: frame.widths }, short)).toBe(rowHeight({ widths: frame.widths }, ["x"]));
  });

  it("lays 汇总台账 out to print one page wide, and a 任务进度 of many units across pages", () => {
    expect(frame.widths!.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(ONE_PAGE_WIDTH);
    expect(pageFit(frame.widths!)).toEqual({ fitToWidth: 1, fitToHeight: 0 });
    expect(pageFit(Array.from({ length: 40 }, () => 9))).toMatchObject({ scale: expect.any(Number) });
  });
});
