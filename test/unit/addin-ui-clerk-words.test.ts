import { describe, expect, it } from "vitest";
import { chinaTime } from "../../core/dates";
import { newerAtOpen, newerVersions, planChangeLines, reportedBy } from "../../addin/ui/clerk/words";
import { planWith } from "./addin-fixtures";

const me = { role: "clerk" as const, unit: "区财政局", name: "张三" };
const entry = (version: number, by: string, at: string) => ({ version, by, at, rowCount: 3 });

describe("the clerk's words for 报送 and newer versions", () => {
  it("says when in China's time, however the computer's clock is set", () => {
    expect(chinaTime("2025-06-03T02:20:00.000Z")).toBe("6月3日 10:20");
    expect(chinaTime("2025-12-31T16:05:00Z")).toBe("1月1日 00:05");
    expect(reportedBy("张三（区财政局）", "2025-06-03T02:20:00Z")).toBe("张三 于 6月3日 10:20 报送");
  });

  it("names the colleague and the time of the versions a sheet has not seen, never a version number", () => {
    const history = [entry(1, "张三（区财政局）", "2025-06-01T01:00:00Z"), entry(2, "李四（区财政局）", "2025-06-03T02:20:00Z")];
    expect(newerVersions(history, 1, me)).toEqual({ own: false, title: "同事 李四 于 6月3日 10:20 报送的版本", side: "李四报送的" });
  });

  it("recognises the clerk's own earlier 报送 (a workbook closed without saving) by who made it", () => {
    const history = [entry(1, "张三（区财政局）", "2025-06-01T01:00:00Z"), entry(2, "张三（区财政局）", "2025-06-03T02:20:00Z")];
    expect(newerVersions(history, 1, me)).toEqual({ own: true, title: "您本人于 6月3日 10:20 报送的版本", side: "您之前报送的" });
    // Mixed: a colleague among them is named.
    expect(newerVersions([...history, entry(3, "李四（区财政局）", "2025-06-04T02:00:00Z")], 1, me).own).toBe(false);
    // At open, before any 报送: the same question about the server's latest version.
    expect(newerAtOpen("张三（区财政局）", "2025-06-03T02:20:00Z", me)).toBe("台账系统中有您本人于 6月3日 10:20 报送的版本，比表格中的新：表格可能在那次报送后没有保存，报送时会请您对照。");
    expect(newerAtOpen("李四（区财政局）", "2025-06-03T02:20:00Z", me)).toBe("台账系统中有同事 李四 于 6月3日 10:20 报送的版本，比表格中的新；报送时会请您对照。");
  });

  it("says what a newer plan changes for this unit only, in task numbers", () => {
    const before = planWith(4);
    const after = planWith(5);
    after.tasks = after.tasks.filter((t) => t.id !== "3");
    after.tasks[0] = { ...after.tasks[0]!, deadline: { text: "9月底前", rules: [{ kind: "by", date: "2025-09-30" }] } };
    after.tasks[1] = { ...after.tasks[1]!, text: "改写后的第二项" };
    after.tasks.push({ ...after.tasks[0]!, id: "9", no: "9", lead: ["区教育局"] });
    expect(planChangeLines(before, after, "区财政局")).toEqual([
      "新增 1 项任务：第5项",
      "不再承担 1 项任务：第3项（已填写的内容保留在表格末尾，标为“不适用”）",
      "时限有变化：第1.10项",
      "任务内容有变化：第2项",
    ]);
    expect(planChangeLines(before, before, "区财政局")).toEqual([]);
  });
});
