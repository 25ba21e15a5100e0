import { findDeadlinesInText, parseDeadline } from "../deadline";
import { Plan, type Task } from "../schema";
import { planId } from "../identity";
import { LAYOUTS, readDocument, type Layout, type PlanSource } from "./layout";
import { readMetadata } from "./metadata";
import type { RawTask, ReaderWarning } from "./raw-task";
import type { FieldColumns } from "./table/read-table";
import type { ImportReport } from "./report";
import { cleanCell } from "./text";
import { buildUnitDirectory } from "./unit-directory";
import { parseUnitCell, readUnitNames } from "./units";

export { ImportReport, ImportWarning } from "./report";
export { LAYOUTS, type Layout, type PlanSource, type SheetSource } from "./layout";

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

/** Who carries a task, from one combined cell or from separate 牵头 and 配合 cells. */
function unitsOf(raw: RawTask["units"]) {
  const combined = parseUnitCell(raw.combined ?? "");
  const lead = parseUnitCell(raw.lead ?? "");
  const support = readUnitNames(raw.support ?? "");
  // A 牵头单位 cell names its units as leads even without the word 牵头; "X牵头，Y配合" in it still splits.
  const leads = [...new Set([...combined.lead, ...lead.lead])];
  const supports = [...new Set([...combined.support, ...lead.support, ...support.names])].filter((n) => !leads.includes(n));
  return {
    lead: leads,
    support: supports,
    allUnits: Boolean(raw.all) || combined.allUnits || lead.allUnits || support.everyUnit,
    offices: { ...combined.offices, ...lead.offices, ...support.offices },
  };
}

/** A 政务公开工作要点分工方案 (text, or a decoded file) → the plan template and a report of everything it could not read. */
export interface Imported {
  plan: Plan;
  report: ImportReport;
  /** Where the task table's fields are (0-based columns) and its header's row, when a table was read. */
  table?: { columns?: FieldColumns; headerLine?: number };
}

export function importPlan(input: string | PlanSource, options: ImportOptions = {}): Imported {
  const source: PlanSource = typeof input === "string" ? { kind: "text", text: input } : input;
  const reading = readDocument(source);
  if (reading.tasks.length === 0)
    throw new PlanImportError("no-tasks", `没有在文本中找到编号的任务：${reading.missing ?? ""}请确认提供的是分工方案的正文或任务表。`);
  const meta = readMetadata(reading.lines);
  const year = options.year ?? meta.year;
  if (!year) throw new PlanImportError("no-year", "文中没有写明方案年度：请用 --year 指定（例如 --year 2022），或在导入时填写年度。");

  const warnings: ReaderWarning[] = [...reading.warnings];
  let rulesParsed = 0;
  let rulesUnparsed = 0;
  const seen = new Map<string, number>();
  // A plan repeats its deadline wordings (长期坚持, 每季度 …): each distinct one is read once.
  const deadlines = new Map<string, ReturnType<typeof parseDeadline>>();
  // The same unit cells too: a table's 牵头单位 column names a few units over and over.
  const unitCells = new Map<string, ReturnType<typeof unitsOf>>();
  const readDeadline = (text: string) => {
    let parsed = deadlines.get(text);
    if (!parsed) deadlines.set(text, (parsed = parseDeadline(text, { year })));
    return parsed;
  };
  const tasks: Task[] = reading.tasks.map((raw) => {
    // Two items with one number (a document numbering each attachment from 1) keep apart: "3" and "3-2".
    const count = (seen.get(raw.id) ?? 0) + 1;
    seen.set(raw.id, count);
    const id = count === 1 ? raw.id : `${raw.id}-${count}`;
    if (count > 1)
      warnings.push({ line: raw.line, code: "duplicate-number", message: `任务编号“${raw.no}”出现了不止一次（${raw.where}），这一项编为“${id}”，请核对原文。`, taskId: id });
    const unitKey = `${raw.units.combined ?? ""}\u0000${raw.units.lead ?? ""}\u0000${raw.units.support ?? ""}\u0000${raw.units.all ? 1 : 0}`;
    let units = unitCells.get(unitKey);
    if (!units) unitCells.set(unitKey, (units = unitsOf(raw.units)));
    if (!units.lead.length && !units.allUnits)
      warnings.push({ line: raw.line, code: "no-unit", message: `第${raw.no}项任务（${raw.where}）没有写明牵头或责任单位，请在发布前补上。`, taskId: id });
    const deadlineText = raw.deadlineText === undefined ? undefined : cleanCell(raw.deadlineText);
    const fromColumn = deadlineText !== undefined && deadlineText !== "";
    const parsed = fromColumn ? readDeadline(deadlineText) : { rules: findDeadlinesInText(raw.text, { year }), unparsed: [] };
    rulesParsed += parsed.rules.length;
    rulesUnparsed += parsed.unparsed.length;
    for (const piece of parsed.unparsed)
      warnings.push({ line: raw.line, code: "deadline-unparsed", message: `第${raw.no}项任务的时限“${piece}”无法识别为规则，已原样保留。`, taskId: id });
    return {
      id,
      no: raw.no,
      section: raw.section,
      ...(raw.category ? { category: raw.category } : {}),
      text: raw.text,
      lead: [...units.lead],
      support: [...units.support],
      allUnits: units.allUnits,
      ...(Object.keys(units.offices).length ? { offices: units.offices } : {}),
      deadline: { text: deadlineText ?? "", rules: [...parsed.rules] },
    };
  });

  const directory = buildUnitDirectory(tasks, meta.recipients);
  for (const task of tasks) {
    task.lead = task.lead.map(directory.canonical);
    task.support = task.support.map(directory.canonical);
  }
  const title = meta.title ?? `${year}年政务公开工作要点分工方案`;
  const candidate = {
    id: options.id ?? planId(title, year),
    year,
    title,
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
      layout: reading.layout,
      counts: { tasks: tasks.length, units: directory.units.length, rulesParsed, rulesUnparsed },
      warnings,
    },
    ...(reading.table ? { table: reading.table } : {}),
  };
}

/** The layout's name as the report shows it to a person. */
export const layoutName = (layout: Layout) => LAYOUTS[layout];
