// The 方案 sheet: the draft plan as an Excel table the admin corrects before publishing. One model here, written
// by the pane (addin/excel/plan-sheet.ts) and read back by the same table reader every plan document goes
// through, so a sheet the office keeps itself (its own 分解表) publishes the same way.
import { shortDigest } from "../digest";
import { stripXmlForbidden } from "../sheet/escape";
import { describeRules } from "./deadline/describe";
import { importPlan, PlanImportError, type ImportReport } from "./import";
import type { SpanCell } from "./import/table/model";
import { planId } from "./identity";
import type { Plan, Unit } from "./schema";
import { unitKey, unitResolver } from "./unit-directory";

export const PLAN_SHEET_NAME = "方案";
/** The Excel table on the 方案 sheet (table names are the workbook's, so 方案(2)'s is 方案表2). */
export const PLAN_TABLE_NAME = "方案表";
export const PLAN_SHEET_HEADER = ["序号", "所属部分", "分项", "任务", "牵头单位", "配合单位", "各单位", "时限要求", "时限识别为", "问题"] as const;
/** Column widths in characters. */
export const PLAN_SHEET_WIDTHS = [6, 16, 16, 48, 16, 16, 10, 16, 18, 36];
/** 1-based rows: the title pair, the labelled metadata, a blank row, then the header. */
export const PLAN_SHEET_HEADER_ROW = 4;
/** The first cell of the rows under the table listing what was not imported; reading stops there. */
export const NOT_IMPORTED_MARK = "未作为任务导入的内容";

const column = (name: (typeof PLAN_SHEET_HEADER)[number]) => PLAN_SHEET_HEADER.indexOf(name);
export const PLAN_SHEET_COLUMNS = {
  no: column("序号"),
  text: column("任务"),
  lead: column("牵头单位"),
  support: column("配合单位"),
  allUnits: column("各单位"),
  deadline: column("时限要求"),
  readAs: column("时限识别为"),
  problems: column("问题"),
};

export type SheetCell = string | number;

export interface PlanSheetContent {
  /** Every row from row 1, each as wide as the header. */
  rows: SheetCell[][];
  /** 1-based sheet rows of the tasks (the table's body). */
  firstTaskRow: number;
  taskRows: number;
  /** Cells to fill as problems (1-based row, 0-based column). */
  marks: SheetMark[];
}

export interface SheetMark {
  row: number;
  column: number;
  severity: "error" | "warning";
  message: string;
}

/** "区党政办（文秘科、宣传信息科）": the offices a plan names inside a unit, written as the documents write them. */
const withOffices = (names: readonly string[], offices: Plan["tasks"][number]["offices"]) =>
  names.map((name) => (offices?.[name]?.length ? `${name}（${offices[name]!.join("、")}）` : name)).join("、");

const pad = (cells: SheetCell[]) => [...cells, ...Array<SheetCell>(Math.max(0, PLAN_SHEET_HEADER.length - cells.length)).fill("")];

/** The draft (or a published plan) as the 方案 sheet's rows, the report's problems on their tasks' rows. */
export function planSheetContent(plan: Plan, report?: ImportReport): PlanSheetContent {
  const problemsOf = new Map<string, string[]>();
  const notImported: ImportReport["warnings"] = [];
  for (const warning of report?.warnings ?? []) {
    if (warning.taskId) problemsOf.set(warning.taskId, [...(problemsOf.get(warning.taskId) ?? []), warning.message]);
    else notImported.push(warning);
  }
  // "年度：2024" in one cell, in the wide columns, so a label and its value read whole above the table.
  const rows: SheetCell[][] = [
    pad([`方案名称：${plan.title}`]),
    pad([`年度：${plan.year}`, "", "", `文号：${plan.docNumber ?? ""}`, `发文单位：${plan.issuer ?? ""}`, "", "", `印发日期：${plan.issuedOn ?? ""}`, "", `台账报送：${plan.ledgerDue ?? ""}`]),
    pad([]),
    [...PLAN_SHEET_HEADER],
  ];
  const firstTaskRow = rows.length + 1;
  const marks: SheetMark[] = [];
  plan.tasks.forEach((task, i) => {
    const problems = problemsOf.get(task.id) ?? [];
    rows.push([
      task.no || task.id,
      task.section,
      task.category ?? "",
      task.text,
      withOffices(task.lead, task.offices),
      withOffices(task.support, task.offices),
      task.allUnits ? "是" : "",
      task.deadline.text,
      describeRules(task.deadline.rules, task.deadline.text),
      problems.join("；"),
    ]);
    if (problems.length) marks.push({ row: firstTaskRow + i, column: PLAN_SHEET_COLUMNS.problems, severity: "warning", message: problems.join("；") });
  });
  if (notImported.length) {
    rows.push(pad([]), pad([`${NOT_IMPORTED_MARK}（仅供核对，发布时不读取）`]));
    for (const warning of notImported) rows.push(pad(["", "", "", warning.message]));
  }
  return { rows, firstTaskRow, taskRows: plan.tasks.length, marks };
}

/** Columns Taizhang writes again itself (检查方案 rewrites them), so not what the admin changed. */
const OWN_COLUMNS: ReadonlySet<number> = new Set([PLAN_SHEET_COLUMNS.readAs, PLAN_SHEET_COLUMNS.problems]);

/**
 * What an admin may have corrected in a 方案 sheet, as a short digest: every cell with text, by its place, but the
 * 时限识别为 and 问题 columns; whitespace folded, so only a change of content counts. `top` and `left` are the
 * 0-based place of values[0][0] (a used range need not start at A1). Compared with planSheetWritten's digest to
 * tell whether a new 导入 may replace the sheet without losing the admin's work.
 */
export function planSheetDigest(values: readonly (readonly unknown[])[], top = 0, left = 0): string {
  const cells: string[] = [];
  values.forEach((row, r) =>
    row.forEach((value, c) => {
      const text = value === null || value === undefined ? "" : String(value).replace(/\s+/g, " ").trim();
      if (text && !OWN_COLUMNS.has(left + c)) cells.push(`${top + r},${left + c}:${text}`);
    }),
  );
  return shortDigest(cells.join("\u0001"));
}

/** The digest of the sheet as 导入 writes it, as Excel will read it back (without what XML cannot hold). */
export const planSheetWritten = (content: PlanSheetContent) =>
  planSheetDigest(content.rows.map((row) => row.map((value) => (typeof value === "number" ? value : stripXmlForbidden(value)))));

/** Where a second draft goes beside a 方案 sheet the admin keeps: 方案(2), 方案(3) …, with a table name of its own. */
export function nextPlanSheet(sheets: readonly string[], tables: readonly string[]): { sheet: string; table: string } {
  for (let n = 2; ; n++) {
    const next = { sheet: `${PLAN_SHEET_NAME}(${n})`, table: `${PLAN_TABLE_NAME}${n}` };
    if (!sheets.includes(next.sheet) && !tables.includes(next.table)) return next;
  }
}

/** What the workbook remembers of the draft between 导入, 检查方案 and 发布 (its settings, not hidden cells). */
export interface PlanSheetMemory {
  /** The plan's id: the draft's, or the published plan it is a new version of. */
  id?: string;
  /** The units the document named, with the other ways it named them. */
  units?: Unit[];
}

export interface SheetReading {
  plan?: Plan;
  marks: SheetMark[];
  /** A sheet-wide problem: no table, no year. */
  error?: string;
  /** 0-based column where the problems are written: the 问题 column, or the one after the table. */
  problemColumn: number;
  /** 1-based rows of the table's body. */
  bodyRows: [number, number];
  /** What each task's deadline is read as now, for the 时限识别为 column when the sheet has one. */
  readAs?: { column: number; rows: Map<number, string> };
}

const cellText = (value: unknown) => (value === null || value === undefined ? "" : String(value).trim());

/** Which column a reader's warning points at, by its code. */
const COLUMN_OF_CODE: Readonly<Record<string, "no" | "text" | "lead" | "deadline">> = {
  "duplicate-number": "no",
  "unnumbered-text": "no",
  "empty-requirement": "text",
  "no-unit": "lead",
  "deadline-unparsed": "deadline",
};
const ERRORS = new Set(["duplicate-number", "empty-requirement", "no-unit", "unnumbered-text"]);

/**
 * 检查方案 and 发布: the sheet's cells (Range.values, from row 1 and column A) → the plan and the problems to mark
 * in place. Errors (no lead, an empty task, a number twice) block publishing; warnings (a deadline not read, a
 * unit not in the plan's directory, no deadline, a task written twice) are for the admin to look at.
 */
export function readPlanSheet(values: readonly (readonly unknown[])[], memory: PlanSheetMemory = {}): SheetReading {
  const stop = values.findIndex((row) => cellText(row[0]).startsWith(NOT_IMPORTED_MARK));
  const cells = stop >= 0 ? values.slice(0, stop) : values;
  const rows = cells.map((row, r) => ({ cells: row.map((value): SpanCell => ({ text: cellText(value) })), line: r + 1 }));
  let imported;
  try {
    imported = importPlan({ kind: "sheets", sheets: [{ name: PLAN_SHEET_NAME, rows }], blanksAreEmpty: true }, { id: memory.id });
  } catch (error) {
    if (error instanceof PlanImportError)
      return { marks: [], error: error.code === "no-year" ? "没有写明方案年度：请在“年度”后的单元格填上年份（例如 2024）。" : error.message, problemColumn: PLAN_SHEET_COLUMNS.problems, bodyRows: [0, 0] };
    throw error;
  }
  const { plan, report, table } = imported;
  const columns = table?.columns ?? {};
  const headerRow = table?.headerLine ?? PLAN_SHEET_HEADER_ROW;
  const headerCells = (cells[headerRow - 1] ?? []).map(cellText);
  const problemIndex = headerCells.indexOf("问题");
  const problemColumn = problemIndex >= 0 ? problemIndex : headerCells.length;
  const marks: SheetMark[] = [];
  const mark = (row: number, field: keyof typeof columns, severity: SheetMark["severity"], message: string) =>
    marks.push({ row, column: columns[field] ?? columns.text ?? 0, severity, message });

  for (const warning of report.warnings) {
    const field = COLUMN_OF_CODE[warning.code];
    if (field && warning.line > headerRow) mark(warning.line, field, ERRORS.has(warning.code) ? "error" : "warning", warning.message);
  }

  // Units against the plan's directory: a name the document never used is a new unit or a typing slip.
  const known = memory.units?.length ? unitResolver({ units: memory.units }) : undefined;
  const rowOf = new Map<string, number>();
  // Tasks come in the sheet's order, one row each: the i-th row with a task is the i-th task.
  const taskLines: number[] = [];
  for (const row of rows) if (row.line > headerRow && cellText(row.cells[columns.text ?? 0]?.text) && (columns.no === undefined || cellText(row.cells[columns.no]?.text))) taskLines.push(row.line);
  plan.tasks.forEach((task, i) => {
    const line = taskLines[i];
    if (line === undefined) return;
    if (!task.deadline.text && !task.deadline.rules.length) mark(line, "deadline", "warning", `第${task.no}项没有写时限要求，任务内容中也没有时间。`);
    const key = task.text.replace(/\s+/g, "");
    const twice = rowOf.get(key);
    if (twice !== undefined) mark(line, "text", "warning", `第${task.no}项与第${twice}行的任务内容相同，请确认是否重复。`);
    else rowOf.set(key, line);
    if (known) {
      for (const [field, names] of [["lead", task.lead], ["support", task.support]] as const) {
        const unknown = names.filter((name) => !known(name));
        if (unknown.length)
          marks.push({ row: line, column: columns[field] ?? columns.responsible ?? 0, severity: "warning", message: `单位「${unknown.join("」「")}」不在本方案的单位名录中：如是新单位可不改，如是笔误请改正${suggest(unknown[0]!, memory.units!)}。` });
      }
    }
  });

  // The directory the document named stays the plan's: aliases, and units named only in the cover letter.
  const units = mergeDirectory(plan.units, memory.units ?? []);
  const canonical = unitResolver({ units });
  const withDirectory: Plan = {
    ...plan,
    id: memory.id ?? plan.id ?? planId(plan.title, plan.year),
    units,
    tasks: plan.tasks.map((task) => ({ ...task, lead: task.lead.map((n) => canonical(n) ?? n), support: task.support.map((n) => canonical(n) ?? n) })),
  };
  const lastRow = Math.max(headerRow + 1, ...taskLines, ...report.warnings.map((w) => w.line));
  const readAsColumn = headerCells.indexOf("时限识别为");
  const readAs = readAsColumn >= 0 ? { column: readAsColumn, rows: new Map(plan.tasks.flatMap((task, i) => (taskLines[i] ? [[taskLines[i]!, describeRules(task.deadline.rules, task.deadline.text)] as const] : []))) } : undefined;
  return { plan: withDirectory, marks, problemColumn, bodyRows: [headerRow + 1, lastRow], ...(readAs ? { readAs } : {}) };
}

/** The stored directory first (its names and aliases), then any unit the sheet adds. */
function mergeDirectory(fromSheet: readonly Unit[], stored: readonly Unit[]): Unit[] {
  const units = stored.map((u) => ({ name: u.name, aliases: [...u.aliases] }));
  const resolve = unitResolver({ units });
  for (const unit of fromSheet) if (!resolve(unit.name)) units.push({ name: unit.name, aliases: [...unit.aliases] });
  return units;
}

/** "，是否为「区党政办」" when a directory name differs from the typed one by a character or two. */
function suggest(name: string, units: readonly Unit[]): string {
  const typed = unitKey(name);
  let best: { name: string; distance: number } | undefined;
  for (const unit of units) {
    const distance = editDistance(typed, unitKey(unit.name));
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: unit.name, distance };
  }
  return best ? `（是否为「${best.name}」？）` : "";
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(previous[j]! + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
