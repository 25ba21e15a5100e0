import { describe, expect, it } from "vitest";
import { bulletin } from "../../core/oversight/bulletin";
import { unitReminders } from "../../core/oversight/reminders";
import { DEFAULT_WEIGHTS, ScoreWeights } from "../../core/oversight/schema";
import { rankUnits, type ScoreInput } from "../../core/oversight/scores";
import { formatIssues } from "../../core/schema-kit";
import { ledger, plan, row } from "../fixtures/oversight/plan";

const TODAY = "2022-10-13";
const m = { measures: "已部署" };

/**
 * 区建设局: on time; task 1 done early, task 3 overdue since 10-12, task 4 ongoing; one 退回.
 * 区财政局: in 3 working days late (06-06), everything done on time.
 * 区教育局: on time; task 5 done after its day, task 4 not started.
 * 区卫健局: never reported.
 */
const inputs: ScoreInput[] = [
  { unit: "区建设局", returns: 1, ledger: ledger("区建设局", [row("1", { status: "已完成", doneOn: "2022-09-20", ...m }), row("3", { status: "推进中", ...m }), row("4", { status: "长期坚持", ...m })]) },
  {
    unit: "区财政局",
    returns: 0,
    ledger: ledger("区财政局", [row("1", { status: "已完成", doneOn: "2022-09-27", ...m }), row("2", { status: "已完成", doneOn: "2022-10-09", ...m }), row("4", { status: "长期坚持", ...m })], "2022-06-06T01:00:00.000Z"),
  },
  { unit: "区教育局", returns: 0, ledger: ledger("区教育局", [row("4"), row("5", { status: "已完成", doneOn: "2022-07-05", ...m })]) },
  { unit: "区卫健局", returns: 0, ledger: undefined },
];

describe("考核 scores", () => {
  it("weighs 报送及时, 完成率, 按时完成率 and 退回次数 with the default weights, and ranks best first", () => {
    const scores = rankUnits(plan, inputs, TODAY, DEFAULT_WEIGHTS);
    expect(scores.map((s) => [s.rank, s.unit, s.total])).toEqual([
      [1, "区财政局", 92.5], // 25×70 + 35×100 + 30×100 + 10×100
      [2, "区建设局", 72.3], // 25×100 + 35×66.7 + 30×50 + 10×90
      [3, "区教育局", 52.5], // 25×100 + 35×50 + 30×0 + 10×100
      [4, "区卫健局", 10], // only the 100 of no 退回
    ]);
    const works = scores.find((s) => s.unit === "区建设局")!;
    expect(works).toMatchObject({ tasks: 3, done: 2, dueSoFar: 2, doneOnTime: 1, overdue: 1, returns: 1, report: "已报送", parts: { timely: 100, completion: 66.7, onTime: 50, returns: 90 } });
    expect(scores.find((s) => s.unit === "区财政局")).toMatchObject({ report: "逾期报送", daysLate: 3, parts: { timely: 70 } });
    expect(scores.find((s) => s.unit === "区卫健局")).toMatchObject({ report: "逾期未报送", parts: { timely: 0, completion: 0, onTime: 0 } });
  });

  it("follows the office's weights: completion alone ranks by completion", () => {
    const scores = rankUnits(plan, inputs, TODAY, { timely: 0, completion: 100, onTime: 0, returns: 0 });
    expect(scores.map((s) => [s.unit, s.total])).toEqual([["区财政局", 100], ["区建设局", 66.7], ["区教育局", 50], ["区卫健局", 0]]);
  });

  it("gives equal totals one rank and skips the next (1, 1, 1, 4)", () => {
    const scores = rankUnits(plan, inputs, TODAY, { timely: 0, completion: 0, onTime: 0, returns: 1 });
    expect(scores.map((s) => [s.rank, s.unit])).toEqual([[1, "区财政局"], [1, "区教育局"], [1, "区卫健局"], [4, "区建设局"]]);
  });

  it("counts nothing against being on time while no dated task has come due", () => {
    const inJune = { unit: "区教育局", returns: 0, ledger: ledger("区教育局", [row("4"), row("5", { status: "推进中", ...m })]) };
    const [score] = rankUnits(plan, [inJune], "2022-06-01", DEFAULT_WEIGHTS);
    expect(score).toMatchObject({ dueSoFar: 0, parts: { onTime: 100 } });
  });

  it("refuses weights that are all zero or out of range, in Chinese, naming the part", () => {
    const zero = ScoreWeights.safeParse({ timely: 0, completion: 0, onTime: 0, returns: 0 });
    expect(zero.success || formatIssues(zero.error)).toBe("权重不能全为 0");
    const big = ScoreWeights.safeParse({ ...DEFAULT_WEIGHTS, onTime: 120 });
    expect(big.success || formatIssues(big.error)).toBe("onTime：按时完成率的权重不能大于 100");
  });
});

describe("the 通报", () => {
  const scores = rankUnits(plan, inputs, TODAY, DEFAULT_WEIGHTS);
  const reminders = inputs.map((i) => unitReminders(plan, i.unit, i.ledger, { today: TODAY, withinWorkdays: 3 }));
  const doc = bulletin(plan, { asOf: TODAY, scores, reminders, weights: DEFAULT_WEIGHTS });
  const texts = doc.blocks.map((b) => (b.kind === "table" ? b.rows.map((r) => r.join(" ")).join("\n") : b.text));

  it("has the usual form: title, 截至 line, 各单位, numbered parts, 特此通报, the issuer and the date", () => {
    expect(doc.title).toBe("关于2022年政务公开工作任务落实情况的通报");
    expect(doc.subtitle).toBe("（截至2022年10月13日）");
    expect(texts[0]).toBe("各单位：");
    expect(texts[1]).toBe("根据《2022年某区政务公开工作要点分工方案》（某办〔2022〕1号）要求，现将截至2022年10月13日各单位政务公开工作任务落实情况通报如下。");
    const headings = doc.blocks.filter((b) => b.kind === "heading" && b.level === 1).map((b) => (b as { text: string }).text);
    expect(headings).toEqual(["一、总体情况", "二、考核排名", "三、未报送台账的单位", "四、逾期未完成事项", "五、工作要求"]);
    expect(texts.slice(-3)).toEqual(["特此通报。", "某区党政办公室", "2022年10月13日"]);
  });

  it("gives the overall figures", () => {
    expect(texts[3]).toBe(
      "方案共部署5项任务，涉及4个单位。截至2022年10月13日，3个单位已报送工作台账（按时报送2个，逾期报送1个），1个单位未报送。" +
        "各单位承担任务共9项次，已完成（含长期坚持）6项次，总体完成率66.7%；已到期任务按时完成率60.0%；逾期未完成1项次，涉及1个单位。",
    );
  });

  it("ranks the units in a table with their figures, and states the weights", () => {
    expect(texts[5]).toBe("按照报送及时（25%）、完成率（35%）、按时完成率（30%）、退回次数（10%）计分，各单位得分及排名如下：");
    const table = doc.blocks[6]!;
    expect(table).toMatchObject({ kind: "table", header: ["名次", "单位", "得分", "完成率", "按时完成率", "报送情况", "退回次数"] });
    expect(table.kind === "table" && table.rows).toEqual([
      ["1", "区财政局", "92.5", "100.0%", "100.0%", "逾期报送", "0"],
      ["2", "区建设局", "72.3", "66.7%", "50.0%", "按时报送", "1"],
      ["3", "区教育局", "52.5", "50.0%", "0.0%", "按时报送", "0"],
      ["4", "区卫健局", "10.0", "0.0%", "—", "逾期未报送", "0"],
    ]);
  });

  it("names the units not reported and each unit's overdue items", () => {
    expect(texts[8]).toBe("截至2022年10月13日，以下1个单位尚未报送工作台账：区卫健局。");
    const sub = doc.blocks.filter((b) => b.kind === "heading" && b.level === 2).map((b) => (b as { text: string }).text);
    expect(sub).toEqual(["（一）区建设局（1项）"]);
    expect(texts[texts.indexOf("（一）区建设局（1项）") + 1]).toBe(`3 ${plan.tasks[2]!.text} 2022年10月12日 1 推进中`);
  });
});
