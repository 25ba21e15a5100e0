import { findDeadlinesInText, parseDeadline } from "../deadline";
import { Plan, type Task } from "../schema";
import { readMetadata } from "./metadata";
import type { LayoutReading, ReaderWarning } from "./raw-task";
import { readMarkdownTable } from "./readers/markdown-table";
import { readNumberedProse } from "./readers/numbered-prose";
import { readTabCells } from "./readers/tab-cells";
import type { ImportReport } from "./report";
import { buildUnitDirectory } from "./unit-directory";
import { parseUnitCell } from "./units";

export { ImportReport, ImportWarning } from "./report";

/** The document cannot become a plan; the message says in Chinese what to do. */
export class PlanImportError extends Error {
  constructor(
    readonly code: "no-tasks" | "no-year" | "bad-id",
    message: string,
  ) {
    super(message);
    this.name = "PlanImportError";
  }
}

export interface ImportOptions {
  /** The plan's year when the document does not state it (seed 001). */
  year?: number;
  id?: string;
}

type Layout = ImportReport["layout"];

const READERS: Record<Layout, (lines: readonly string[]) => LayoutReading> = {
  "markdown-table": readMarkdownTable,
  "tab-cells": readTabCells,
  "numbered-prose": readNumberedProse,
};

/** Which of the layouts the text is in, by the marks each leaves; prose is what remains. */
function detectLayout(lines: readonly string[]): Layout {
  let tableRows = 0;
  let tabCells = 0;
  for (const line of lines) {
    if (/^\s*\|.*\|\s*$/.test(line)) tableRows++;
    else if (line.startsWith("\t") && line.trim()) tabCells++;
  }
  if (tableRows >= 3) return "markdown-table";
  if (tabCells >= 10) return "tab-cells";
  return "numbered-prose";
}

function defaultId(title: string | undefined, year: number): string {
  // Plan ids are ASCII (they go into URLs and keys); a Chinese title gives no id of its own.
  let hash = 0;
  for (const ch of title ?? "") hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return `plan-${year}-${hash.toString(36)}`;
}

/** A 政务公开工作要点分工方案 as text → the plan template and a report of everything it could not read. */
export function importPlan(text: string, options: ImportOptions = {}): { plan: Plan; report: ImportReport } {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const layout = detectLayout(lines);
  const reading = READERS[layout](lines);
  if (reading.tasks.length === 0)
    throw new PlanImportError("no-tasks", "没有在文本中找到编号的任务：请确认粘贴的是分工方案的正文或表格（含“1.”“2.”等编号的具体要求）。");
  const meta = readMetadata(lines);
  const year = options.year ?? meta.year;
  if (!year) throw new PlanImportError("no-year", "文中没有写明方案年度：请用 --year 指定（例如 --year 2022）。");

  const warnings: ReaderWarning[] = [...reading.warnings];
  let rulesParsed = 0;
  let rulesUnparsed = 0;
  const tasks: Task[] = reading.tasks.map((raw) => {
    const units = parseUnitCell(raw.unitsText);
    if (!units.lead.length && !units.allUnits)
      warnings.push({ line: raw.line, code: "no-unit", message: `第${raw.no}项任务（第${raw.line}行）没有写明牵头或责任单位，请在发布前补上。` });
    const fromColumn = raw.deadlineText !== undefined && raw.deadlineText !== "";
    const parsed = fromColumn ? parseDeadline(raw.deadlineText!, { year }) : { rules: findDeadlinesInText(raw.text, { year }), unparsed: [] };
    rulesParsed += parsed.rules.length;
    rulesUnparsed += parsed.unparsed.length;
    for (const piece of parsed.unparsed)
      warnings.push({ line: raw.line, code: "deadline-unparsed", message: `第${raw.no}项任务的时限“${piece}”无法识别为规则，已原样保留。` });
    return {
      id: raw.id,
      no: raw.no,
      section: raw.section,
      ...(raw.category ? { category: raw.category } : {}),
      text: raw.text,
      lead: units.lead,
      support: units.support,
      allUnits: units.allUnits,
      ...(Object.keys(units.offices).length ? { offices: units.offices } : {}),
      deadline: { text: raw.deadlineText ?? "", rules: parsed.rules },
    };
  });

  const seen = new Set<string>();
  for (const task of tasks) {
    if (seen.has(task.id)) warnings.push({ line: 0, code: "duplicate-number", message: `任务编号“${task.no}”出现了不止一次，请核对原文。` });
    seen.add(task.id);
  }

  const directory = buildUnitDirectory(tasks, meta.recipients);
  for (const task of tasks) {
    task.lead = task.lead.map(directory.canonical);
    task.support = task.support.map(directory.canonical);
  }
  const candidate = {
    id: options.id ?? defaultId(meta.title, year),
    year,
    title: meta.title ?? `${year}年政务公开工作要点分工方案`,
    ...(meta.issuer ? { issuer: meta.issuer } : {}),
    ...(meta.docNumber ? { docNumber: meta.docNumber } : {}),
    ...(meta.issuedOn ? { issuedOn: meta.issuedOn } : {}),
    ...(meta.ledgerDue ? { ledgerDue: meta.ledgerDue } : {}),
    units: directory.units,
    tasks,
  };
  const checked = Plan.safeParse(candidate);
  if (!checked.success) throw new PlanImportError("bad-id", `方案编号“${candidate.id}”不可用：${checked.error.issues[0]?.message ?? ""}`);
  warnings.sort((a, b) => a.line - b.line);
  return {
    plan: checked.data,
    report: {
      layout,
      counts: { tasks: tasks.length, units: directory.units.length, rulesParsed, rulesUnparsed },
      warnings,
    },
  };
}
