// The 通报 the office issues: title, 截至 date, the overall figures, the units ranked, the units not reported and
// the overdue items by unit, in the usual form (各单位： … 特此通报。 issuer and date).
import type { Plan } from "../plan/schema";
import type { IsoDate } from "../schema-kit";
import { chineseDate, chineseNumber, percentText, type DocBlock, type DocModel } from "./document";
import { WEIGHT_LABELS, type ScoreWeights, type UnitReminders, type UnitScore } from "./schema";

export interface BulletinInput {
  asOf: IsoDate;
  /** Ranked, best first (rankUnits). */
  scores: readonly UnitScore[];
  reminders: readonly UnitReminders[];
  weights: ScoreWeights;
}

const REPORT_TEXT: Record<UnitScore["report"], string> = { 已报送: "按时报送", 逾期报送: "逾期报送", 未报送: "未报送", 逾期未报送: "逾期未报送" };

export function bulletin(plan: Plan, input: BulletinInput): DocModel {
  const { asOf, scores, reminders, weights } = input;
  const sum = (pick: (s: UnitScore) => number) => scores.reduce((n, s) => n + pick(s), 0);
  const onTime = scores.filter((s) => s.report === "已报送").length;
  const late = scores.filter((s) => s.report === "逾期报送").length;
  const missing = scores.filter((s) => s.report === "未报送" || s.report === "逾期未报送").map((s) => s.unit);
  const overdueUnits = reminders.filter((r) => r.overdue.length > 0);
  const overdueItems = overdueUnits.reduce((n, r) => n + r.overdue.length, 0);
  const when = chineseDate(asOf);
  const source = `《${plan.title}》${plan.docNumber ? `（${plan.docNumber}）` : ""}`;
  const weightTotal = weights.timely + weights.completion + weights.onTime + weights.returns;
  const share = (w: number) => `${Math.round((100 * w) / weightTotal)}%`;

  let section = 0;
  const heading = (text: string): DocBlock => ({ kind: "heading", level: 1, text: `${chineseNumber(++section)}、${text}` });
  const blocks: DocBlock[] = [
    { kind: "paragraph", text: "各单位：" },
    { kind: "paragraph", indent: true, text: `根据${source}要求，现将截至${when}各单位政务公开工作任务落实情况通报如下。` },
    heading("总体情况"),
    {
      kind: "paragraph",
      indent: true,
      text:
        `方案共部署${plan.tasks.length}项任务，涉及${scores.length}个单位。截至${when}，${onTime + late}个单位已报送工作台账` +
        `（按时报送${onTime}个，逾期报送${late}个），${missing.length}个单位未报送。各单位承担任务共${sum((s) => s.tasks)}项次，` +
        `已完成（含长期坚持）${sum((s) => s.done)}项次，总体完成率${percentText(sum((s) => s.done), sum((s) => s.tasks))}；` +
        `已到期任务按时完成率${percentText(sum((s) => s.doneOnTime), sum((s) => s.dueSoFar))}；逾期未完成${overdueItems}项次，涉及${overdueUnits.length}个单位。`,
    },
    heading("考核排名"),
    {
      kind: "paragraph",
      indent: true,
      text: `按照${(Object.keys(WEIGHT_LABELS) as Array<keyof ScoreWeights>).map((k) => `${WEIGHT_LABELS[k]}（${share(weights[k])}）`).join("、")}计分，各单位得分及排名如下：`,
    },
    {
      kind: "table",
      header: ["名次", "单位", "得分", "完成率", "按时完成率", "报送情况", "退回次数"],
      rows: scores.map((s) => [String(s.rank), s.unit, s.total.toFixed(1), percentText(s.done, s.tasks), percentText(s.doneOnTime, s.dueSoFar), REPORT_TEXT[s.report], String(s.returns)]),
      widths: [8, 26, 10, 12, 14, 16, 10],
    },
    heading("未报送台账的单位"),
    {
      kind: "paragraph",
      indent: true,
      text: missing.length ? `截至${when}，以下${missing.length}个单位尚未报送工作台账：${missing.join("、")}。` : `截至${when}，各单位均已报送工作台账。`,
    },
    heading("逾期未完成事项"),
  ];
  if (overdueUnits.length === 0) blocks.push({ kind: "paragraph", indent: true, text: `截至${when}，无逾期未完成事项。` });
  overdueUnits.forEach((r, i) => {
    blocks.push({ kind: "heading", level: 2, text: `（${chineseNumber(i + 1)}）${r.unit}（${r.overdue.length}项）` });
    blocks.push({
      kind: "table",
      header: ["序号", "工作任务", "时限", "逾期工作日", "状态"],
      rows: r.overdue.map((o) => [o.no, o.task, o.due ? chineseDate(o.due) : "", String(o.workdays), o.status]),
      widths: [8, 50, 16, 12, 10],
    });
  });
  blocks.push(
    heading("工作要求"),
    {
      kind: "paragraph",
      indent: true,
      text: `${missing.length ? "未报送台账的单位要于5个工作日内报送；" : ""}有逾期事项的单位要认真分析原因，明确整改时限，抓紧推进落实，并在台账中如实填写进展情况和佐证材料；被退回的台账事项要按意见修改后重新报送。各单位要对照方案任务分工，确保各项任务按时保质完成。`,
    },
    { kind: "paragraph", indent: true, text: "特此通报。" },
    { kind: "paragraph", align: "right", text: plan.issuer ?? "" },
    { kind: "paragraph", align: "right", text: when },
  );
  return { title: `关于${plan.year}年政务公开工作任务落实情况的通报`, subtitle: `（截至${when}）`, blocks };
}
