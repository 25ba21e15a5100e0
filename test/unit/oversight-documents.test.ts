import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { renderDocx } from "../../api/docx/render";
import { xmlSafe } from "../../api/docx/text";
import { pack } from "../../api/notify/send";
import { annualReport, annualReportDocument, annualReportTables } from "../../core/oversight/annual-report";
import { chineseNumber } from "../../core/oversight/document";
import { digestText, reminderText } from "../../core/oversight/messages";
import { unitReminders } from "../../core/oversight/reminders";
import { ledger, plan, row } from "../fixtures/oversight/plan";

const m = { measures: "已部署" };
const ledgers = [
  ledger("区建设局", [row("1", { status: "已完成", doneOn: "2022-09-20", progress: "已公开", evidence: "网站链接A", ...m }), row("3", { status: "推进中", progress: "起草中", ...m }), row("4", { status: "长期坚持", ...m })]),
  ledger("区财政局", [row("1", { status: "推进中", progress: "配合提供数据", ...m }), row("2", { status: "已完成", doneOn: "2022-10-09", ...m }), row("4", { status: "长期坚持", ...m })]),
];

describe("the 年度报告 section", () => {
  const report = annualReport(plan, ledgers, "2022-12-31");

  it("states each task's outcome from the units that answer for it: the lead units, or every unit", () => {
    expect(report.tasks.map((t) => [t.no, t.lead, t.outcome])).toEqual([
      ["1", "区建设局", "已完成"],
      ["2", "区财政局", "已完成"],
      ["3", "区建设局", "推进中"],
      ["4", "各单位", "长期坚持"],
      ["5", "区教育局", "未报送"],
    ]);
    // What was done comes from the lead unit only: 区财政局 supports task 1, its words are not the lead's.
    expect(report.tasks[0]).toMatchObject({ progress: "区建设局：已公开", evidence: "区建设局：网站链接A", support: "区财政局" });
  });

  it("counts by section, and reads as paragraphs the office pastes", () => {
    expect(report.sections.map((s) => [s.section, s.total, s.counts.已完成, s.counts.推进中, s.counts.未报送])).toEqual([
      ["一、规范公开基础", 2, 2, 0, 0],
      ["二、重点领域公开", 3, 0, 1, 1],
    ]);
    const doc = annualReportDocument(plan, report);
    const texts = doc.blocks.map((b) => (b.kind === "table" ? "" : b.text));
    expect(texts[0]).toBe("2022年，按照《2022年某区政务公开工作要点分工方案》部署，共安排5项工作任务。截至2022年12月31日，已完成2项，长期坚持1项，推进中1项，未报送1项。具体情况如下：");
    expect(texts).toContain("本部分共3项任务，长期坚持1项，推进中1项，未报送1项。");
    expect(annualReportTables(report).sections.rows.at(-1)).toEqual(["合计", 5, 2, 1, 1, 0, 1]);
  });
});

describe("Word output", () => {
  it("strips what XML 1.0 forbids, so a stray control character in a clerk's text never breaks the file", async () => {
    expect(xmlSafe("进展\u0001情况\uFFFE\uD800完成\tA\nB")).toBe("进展情况完成\tA\nB");
    expect(xmlSafe("𠀀")).toBe("𠀀");
    const buffer = await renderDocx({ title: "标题\u0008", blocks: [{ kind: "paragraph", text: "正文\u001F含控制字符\uFFFF" }, { kind: "table", header: ["单位"], rows: [["区\u0002建设局"]] }] });
    const { value } = await mammoth.extractRawText({ buffer });
    expect(value).toContain("标题");
    expect(value).toContain("正文含控制字符");
    expect(value).toContain("区建设局");
  });

  it("numbers parts the Chinese way", () => {
    expect([1, 10, 12, 20, 21, 100, 105, 110].map(chineseNumber)).toEqual(["一", "十", "十二", "二十", "二十一", "一百", "一百零五", "一百一十"]);
  });
});

describe("the words of a 催报 and of the digest", () => {
  it("says what is late, with days on the statutory calendar", () => {
    const r = unitReminders(plan, "区卫健局", undefined, { today: "2022-06-06", withinWorkdays: 3 });
    expect(reminderText(plan, r, 3)).toBe(
      "【催报】区卫健局：《2022年某区政务公开工作要点分工方案》工作台账应于5月31日前报送，至今未报送（已逾期3个工作日），请尽快报送。请抓紧办理，并在台账中更新进展后同步。——某区党政办公室",
    );
    const works = unitReminders(plan, "区建设局", ledgers[0], { today: "2022-10-08", withinWorkdays: 4 });
    expect(reminderText(plan, works, 4)).toContain("有1项任务将在4个工作日内到期：第3项（10月12日）。");
    expect(digestText(plan, "2022-06-06", [r], 3)).toBe(
      "【每日提醒】《2022年某区政务公开工作要点分工方案》截至2022年6月6日：\n逾期未报送台账（1个单位）：区卫健局\n请相关单位抓紧办理，并在台账中更新进展后同步。",
    );
    expect(reminderText(plan, unitReminders(plan, "区建设局", ledgers[0], { today: "2022-09-01", withinWorkdays: 1 }), 1)).toBe("");
  });

  it("packs units' messages into as few robot messages as the size limit allows, never splitting a character", () => {
    const items = ["甲", "乙", "丙"].map((u) => ({ units: [u], text: `${u}`.repeat(200), mobiles: ["13800000000"] }));
    const parts = pack(items, 1300);
    expect(parts.map((p) => p.units)).toEqual([["甲", "乙"], ["丙"]]);
    const long = pack([{ units: ["甲"], text: "长".repeat(1000), mobiles: ["13800000000"] }], 2048);
    expect(long.map((p) => new TextEncoder().encode(p.text).byteLength + 13 * p.mobiles.length).every((n) => n <= 2048)).toBe(true);
    expect(long.map((p) => p.text).join("")).toBe("长".repeat(1000));
    expect(long.at(-1)!.mobiles).toEqual(["13800000000"]);
  });
});
