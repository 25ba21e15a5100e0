// The 年度报告's section on how the year's 工作要点 were carried out: each task with its lead units, where it
// stands, what was done (进展情况) and the evidence, counted by section, as the office pastes it into its
// 政府信息公开工作年度报告 (as Word text) or files it (as a table).
import type { LedgerRow } from "../ledger/schema";
import type { SheetTable } from "../merge/sheets";
import { unitKey, unitResolver } from "../plan/unit-directory";
import type { Plan, Task } from "../plan/schema";
import type { IsoDate } from "../schema-kit";
import { chineseDate, chineseNumber, type DocBlock, type DocModel } from "./document";
import type { LedgerOnFile } from "./unit-facts";
import { roleFinder } from "../ledger/assignment";

export const TASK_OUTCOMES = ["已完成", "长期坚持", "推进中", "未开始", "未报送"] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

export interface AnnualTask {
  section: string;
  no: string;
  text: string;
  lead: string;
  support: string;
  outcome: TaskOutcome;
  /** "区党政办：……；区政务服务局：……" from the units that answer for the task. */
  progress: string;
  evidence: string;
}

export interface AnnualReport {
  year: number;
  asOf: IsoDate;
  tasks: AnnualTask[];
  sections: Array<{ section: string; counts: Record<TaskOutcome, number>; total: number }>;
}

/**
 * Where the task stands across the units that answer for it: done when every one is done (不适用 aside),
 * 长期坚持 when all are done or ongoing, 推进中 once any has started.
 */
function outcomeOf(rows: readonly LedgerRow[]): TaskOutcome {
  const statuses = rows.map((r) => r.status).filter((s) => s !== "不适用");
  if (rows.length === 0) return "未报送";
  if (statuses.length === 0 || statuses.every((s) => s === "已完成")) return "已完成";
  if (statuses.every((s) => s === "已完成" || s === "长期坚持")) return "长期坚持";
  if (statuses.some((s) => s !== "未开始")) return "推进中";
  return "未开始";
}

export function annualReport(plan: Plan, ledgers: readonly LedgerOnFile[], asOf: IsoDate): AnnualReport {
  const resolve = unitResolver(plan);
  const canonical = (name: string) => unitKey(resolve(name) ?? name);
  // Each unit's rows by task (all rows: a task split over several rows tells its progress in all of them).
  const byUnit = ledgers.map((ledger) => {
    const rows = new Map<string, LedgerRow[]>();
    for (const row of ledger.rows) (rows.get(row.taskId) ?? rows.set(row.taskId, []).get(row.taskId)!).push(row);
    return { unit: ledger.unit, key: canonical(ledger.unit), roleOf: roleFinder(plan, ledger.unit), rows };
  });
  const answering = (task: Task) => {
    // The lead units answer for a task; a task with none (各单位按职责分工落实) is every unit's.
    const leads = new Set(task.lead.map(canonical));
    return byUnit.filter((u) => (leads.size ? leads.has(u.key) : u.roleOf(task) !== undefined) && u.rows.has(task.id));
  };
  const joined = (units: ReturnType<typeof answering>, task: Task, pick: (row: LedgerRow) => string | undefined) =>
    units
      .map((u) => {
        const text = u.rows.get(task.id)!.map(pick).filter((t): t is string => !!t?.trim()).join("；");
        return text ? `${u.unit}：${text}` : "";
      })
      .filter(Boolean)
      .join("\n");
  const tasks: AnnualTask[] = plan.tasks.map((task) => {
    const units = answering(task);
    return {
      section: task.section,
      no: task.no,
      text: task.text,
      lead: task.lead.length ? task.lead.join("、") : task.allUnits ? "各单位" : "",
      support: task.support.join("、"),
      outcome: outcomeOf(units.map((u) => u.rows.get(task.id)![0]!)),
      progress: joined(units, task, (r) => r.progress),
      evidence: joined(units, task, (r) => r.evidence),
    };
  });
  const sections = new Map<string, AnnualReport["sections"][number]>();
  for (const task of tasks) {
    let entry = sections.get(task.section);
    if (!entry) sections.set(task.section, (entry = { section: task.section, counts: Object.fromEntries(TASK_OUTCOMES.map((o) => [o, 0])) as Record<TaskOutcome, number>, total: 0 }));
    entry.counts[task.outcome]++;
    entry.total++;
  }
  return { year: plan.year, asOf, tasks, sections: [...sections.values()] };
}

const countsText = (counts: Record<TaskOutcome, number>) =>
  TASK_OUTCOMES.filter((o) => counts[o] > 0)
    .map((o) => `${o}${counts[o]}项`)
    .join("，");

/** The section as Word text: the year's figures, then each part of the plan with its tasks. */
export function annualReportDocument(plan: Plan, report: AnnualReport): DocModel {
  const all = Object.fromEntries(TASK_OUTCOMES.map((o) => [o, report.tasks.filter((t) => t.outcome === o).length])) as Record<TaskOutcome, number>;
  const blocks: DocBlock[] = [
    {
      kind: "paragraph",
      indent: true,
      text: `${report.year}年，按照《${plan.title}》部署，共安排${report.tasks.length}项工作任务。截至${chineseDate(report.asOf)}，${countsText(all)}。具体情况如下：`,
    },
  ];
  report.sections.forEach((section, i) => {
    // The plan's own headings usually carry their number (一、…); others get one.
    const title = /^[一二三四五六七八九十]+、/.test(section.section) ? section.section : `${chineseNumber(i + 1)}、${section.section || "其他任务"}`;
    blocks.push({ kind: "heading", level: 1, text: title });
    blocks.push({ kind: "paragraph", indent: true, text: `本部分共${section.total}项任务，${countsText(section.counts)}。` });
    for (const task of report.tasks.filter((t) => t.section === section.section)) {
      blocks.push({ kind: "heading", level: 2, text: `${task.no}．${task.text}` });
      blocks.push({
        kind: "paragraph",
        indent: true,
        text: `牵头单位：${task.lead || "（未明确）"}${task.support ? `；配合单位：${task.support}` : ""}。完成情况：${task.outcome}。`,
      });
      if (task.progress) for (const line of task.progress.split("\n")) blocks.push({ kind: "paragraph", indent: true, text: line });
      if (task.evidence) blocks.push({ kind: "paragraph", indent: true, text: `佐证材料：${task.evidence.replace(/\n/g, "；")}` });
    }
  });
  return { title: `${report.year}年政务公开工作要点落实情况`, subtitle: `（《${plan.title}》，截至${chineseDate(report.asOf)}）`, blocks };
}

/** The same as two tables: every task, and the counts by section. */
export function annualReportTables(report: AnnualReport): { tasks: SheetTable; sections: SheetTable } {
  return {
    tasks: {
      header: ["部分", "序号", "工作任务", "牵头单位", "配合单位", "完成情况", "进展情况", "佐证材料"],
      rows: report.tasks.map((t) => [t.section, t.no, t.text, t.lead, t.support, t.outcome, t.progress, t.evidence]),
      widths: [20, 6, 50, 16, 16, 10, 50, 30],
    },
    sections: {
      header: ["部分", "任务数", ...TASK_OUTCOMES],
      rows: [
        ...report.sections.map((s) => [s.section, s.total, ...TASK_OUTCOMES.map((o) => s.counts[o])]),
        ["合计", report.tasks.length, ...TASK_OUTCOMES.map((o) => report.tasks.filter((t) => t.outcome === o).length)],
      ],
      widths: [30, 8, ...TASK_OUTCOMES.map(() => 10)],
    },
  };
}
