import { latestDue } from "../plan/due-date";
import type { Plan, Task } from "../plan/schema";
import type { IsoDate } from "../schema-kit";
import { deadlineText } from "../ledger/deadline-words";
import { LedgerRow, type Finding, type LedgerRowInput, type LedgerStatus } from "../ledger/schema";
import { headerOf as defaultHeader, LEDGER_FIELDS, REQUIRED_FIELDS, TAIZHANG_ONLY_FIELDS, type LedgerField } from "../sheet/columns";
import type { StatusForm } from "../sheet/headers";
import { validationContext } from "./context";
import { addFinding, cellName, readRow, type RowDraft } from "./read-row";

/** The sheet the rows came from: which columns it has, and how its status column is written. */
export interface SheetShape {
  /** The fields the sheet has a column for. A field without one is one sheet-level finding, never one per row. */
  fields: ReadonlySet<LedgerField>;
  statusForm?: StatusForm;
}

export interface ValidateOptions {
  today: IsoDate;
  /** How messages name a row, e.g. i => `第${sheetRow}行`; by default its place among the rows (第1行 …). */
  rowLabel?: (index: number) => string;
  /** How messages name a column, e.g. the adopted sheet's own header; by default Taizhang's header. */
  columnLabel?: (field: keyof LedgerRow) => string;
  /** Rows read from a unit's own sheet; without it every column is taken to be there (a sync, a Taizhang sheet). */
  sheet?: SheetShape;
}

export interface LedgerCheck {
  findings: Finding[];
  /** Each input row in the stored shape, or undefined when a cell could not be read into it (or it is blank). */
  rows: (LedgerRow | undefined)[];
}

const STARTED = new Set(["推进中", "已完成", "长期坚持"]);
const OPEN = new Set(["未开始", "推进中"]);

function shorten(text: string, max = 20): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function toLedgerRow(draft: RowDraft, role: LedgerRow["role"]): LedgerRow | undefined {
  if (draft.unreadable || !draft.task || !draft.status) return undefined;
  const row: LedgerRow = {
    taskId: draft.task.id,
    no: draft.no || draft.task.no,
    task: draft.text,
    deadline: draft.deadline,
    office: draft.office,
    leader: draft.leader,
    measures: draft.measures,
    progress: draft.progress,
    status: draft.status,
    ...(role ? { role } : {}),
    ...(draft.continuation ? { continuation: true } : {}),
    ...(draft.doneOn ? { doneOn: draft.doneOn } : {}),
    ...(draft.triggeredOn ? { triggeredOn: draft.triggeredOn } : {}),
    ...(draft.evidence ? { evidence: draft.evidence } : {}),
    ...(draft.note ? { note: draft.note } : {}),
    ...(draft.review ? { review: draft.review } : {}),
  };
  return row;
}

const quoted = (fields: readonly LedgerField[], headerOf: (field: LedgerField) => string) => fields.map((f) => `「${headerOf(f)}」`).join("");

/**
 * What a unit's sheet lacks, as findings about the whole sheet: a column the 台账 template requires is an error
 * (完成日期 too, once a row is 已完成), the others one warning together, and a 是否完成 column says how it was read.
 */
function sheetFindings(shape: SheetShape, doneRows: number, headerOf: (field: LedgerField) => string): Finding[] {
  const findings: Finding[] = [];
  const absent = LEDGER_FIELDS.filter((f) => !shape.fields.has(f) && !TAIZHANG_ONLY_FIELDS.includes(f));
  for (const field of absent.filter((f) => REQUIRED_FIELDS.includes(f))) {
    findings.push({ row: null, column: field, severity: "error", code: "column-missing", message: `台账缺少「${headerOf(field)}」列（方案附件3的台账须有此列），请补上这一列。` });
  }
  if (absent.includes("doneOn") && doneRows > 0) {
    findings.push({ row: null, column: "doneOn", severity: "error", code: "column-missing", message: `台账缺少「${headerOf("doneOn")}」列，已完成的 ${doneRows} 行须注明完成日期，请补上这一列。` });
  }
  const optional = absent.filter((f) => !REQUIRED_FIELDS.includes(f) && !(f === "doneOn" && doneRows > 0));
  if (optional.length > 0) {
    findings.push({ row: null, column: null, severity: "warning", code: "columns-absent", message: `台账没有${quoted(optional, headerOf)}列，这些内容不检查；需要填写时可补上这些列。` });
  }
  if (shape.statusForm === "yesNo" && shape.fields.has("status")) {
    findings.push({ row: null, column: "status", severity: "warning", code: "status-yes-no", message: `「${headerOf("status")}」列按“是”为已完成、“否”为推进中（已写措施或进展时）或未开始读取。` });
  }
  return findings;
}

/**
 * Checks a unit's rows against the plan, row by row and cell by cell, and also returns each row in the stored
 * shape (what a sync sends). Pure; never throws on any cell values.
 */
export function checkLedger(plan: Plan, unit: string, rows: readonly LedgerRowInput[], options: ValidateOptions): LedgerCheck {
  const ctx = validationContext(plan, unit);
  const { today } = options;
  const labelOf = options.rowLabel ?? ((i: number) => `第${i + 1}行`);
  const headerOf = options.columnLabel ?? defaultHeader;
  const has = (field: LedgerField) => !options.sheet || options.sheet.fields.has(field);
  const statusForm = options.sheet?.statusForm ?? "words";
  const findings: Finding[] = [];
  const normalized: (LedgerRow | undefined)[] = [];
  const seen = new Set<string>();
  const statusOfTask = new Map<string, LedgerStatus>();
  let previous: Task | undefined;
  let doneRows = 0;
  const dueCache = new Map<string, { planDue?: IsoDate; ownDue?: IsoDate }>();

  rows.forEach((input, index) => {
    const label = labelOf(index);
    const draft = readRow(input, index, ctx, findings, { label, headerOf, statusForm, previous, numberColumn: has("no") });
    if (draft.blank) {
      normalized.push(undefined);
      return;
    }
    // A row with neither number nor task under a task row carries more of that task (merged 序号 cells read so).
    if (draft.bare) {
      if (previous) {
        draft.task = previous;
        draft.continuation = true;
      } else {
        draft.unreadable = true;
        addFinding(findings, index, "no", "error", "no-number", `${cellName(label, headerOf, "no")}和「${headerOf("task")}」都为空，请填写序号。`);
      }
    }
    const task = draft.task;
    const role = task ? ctx.roleOf(task) : undefined;
    if (task) {
      previous = task;
      if (!role) {
        addFinding(findings, index, "no", "error", "not-assigned", `${label}第${task.no}项任务不是${unit}承担的任务，请核对序号，或删除此行。`);
      }
      if (seen.has(task.id) && !draft.continuation) {
        addFinding(findings, index, "no", "error", "duplicate-task", `${label}第${task.no}项任务重复出现；同一任务分多行填写时，请把序号写成“${task.no}（续）”。`);
      }
      if (!seen.has(task.id)) draft.continuation = false;
      seen.add(task.id);
    }

    if (draft.statusEmpty) {
      const above = task && draft.continuation ? statusOfTask.get(task.id) : undefined;
      if (above) draft.status = above;
      else if (has("status")) {
        const choices = statusForm === "yesNo" ? "是或否" : "未开始、推进中、已完成、长期坚持、不适用";
        addFinding(findings, index, "status", "error", "status-empty", `${cellName(label, headerOf, "status")}为空，报送前请填写：${choices}。`);
      }
    }
    if (task && draft.status && !draft.continuation) statusOfTask.set(task.id, draft.status);

    if (!draft.continuation) {
      if (has("task") && !draft.text && task) addFinding(findings, index, "task", "error", "task-empty", `${cellName(label, headerOf, "task")}为空，请填写方案第${task.no}项任务（${shorten(task.text)}）。`);
      const planDeadline = task ? deadlineText(task) : "";
      if (has("deadline") && !draft.deadline && planDeadline) {
        addFinding(findings, index, "deadline", "error", "deadline-empty", `${cellName(label, headerOf, "deadline")}为空，请填写时限（方案为“${shorten(planDeadline)}”）。`);
      }
      // 附件3 asks the 台账 to 明确责任主体和时限要求: a row without its 责任科室 is an error. Its own example leaves
      // 分管领导 blank on rows 2 and 3, so a blank one is a reminder; the column itself is still required.
      if (has("office") && !draft.office) addFinding(findings, index, "office", "error", "office-empty", `${cellName(label, headerOf, "office")}为空，请填写负责此项任务的科室。`);
      if (has("leader") && !draft.leader) addFinding(findings, index, "leader", "warning", "leader-empty", `${cellName(label, headerOf, "leader")}为空，请填写分管领导。`);
    }
    const status = draft.status;
    if (has("measures") && status && STARTED.has(status) && !draft.measures && !draft.statusEmpty) {
      addFinding(findings, index, "measures", "warning", "measures-empty", `${label}已开始推进，请在「${headerOf("measures")}」中写明具体措施。`);
    }
    for (const field of ["doneOn", "triggeredOn"] as const) {
      const date = draft[field];
      if (date && date > today) addFinding(findings, index, field, "error", "future-date", `${cellName(label, headerOf, field)}${date}晚于今天（${today}），请核对。`);
    }
    if (status === "已完成") {
      doneRows++;
      if (has("doneOn") && !draft.doneOn) addFinding(findings, index, "doneOn", "error", "done-without-date", `${label}状态为已完成，请填写「${headerOf("doneOn")}」。`);
      if (has("evidence") && !draft.evidence) addFinding(findings, index, "evidence", "warning", "done-without-evidence", `${label}状态为已完成，请在「${headerOf("evidence")}」中注明材料（文件名、文号或网址）。`);
    }

    if (task) {
      // Counting working days is the costly part, and big sheets repeat the same task, wording and 触发日期.
      const key = `${task.id}\u0000${draft.deadline}\u0000${draft.triggeredOn ?? ""}`;
      let dues = dueCache.get(key);
      if (!dues) {
        const due = { year: plan.year, today, triggeredOn: draft.triggeredOn };
        dues = { planDue: latestDue(task.deadline.rules, due), ownDue: latestDue(draft.deadlineRules, due) };
        dueCache.set(key, dues);
      }
      const { planDue, ownDue } = dues;
      if (planDue && draft.deadlineRules.length > 0 && (!ownDue || ownDue > planDue)) {
        addFinding(findings, index, "deadline", "error", "deadline-too-late", `${cellName(label, headerOf, "deadline")}“${shorten(draft.deadline)}”晚于方案规定的${planDue}；单位可以提前，不能推后，请改为${planDue}前或更早。`);
      }
      const dueOn = ownDue && (!planDue || ownDue <= planDue) ? ownDue : planDue;
      if (dueOn && status && OPEN.has(status) && dueOn < today && !draft.statusEmpty) {
        const update = [has("progress") && `「${headerOf("progress")}」`, has("status") && `「${headerOf("status")}」`].filter(Boolean).join("和");
        addFinding(findings, index, "status", "warning", "overdue", `${label}已过时限（${dueOn}）仍未完成（逾期）${update ? `，请更新${update}` : ""}。`);
      }
      if (dueOn && status === "已完成" && draft.doneOn && draft.doneOn > dueOn) {
        const where = has("note") ? `在「${headerOf("note")}」中` : "";
        addFinding(findings, index, "doneOn", "warning", "done-late", `${cellName(label, headerOf, "doneOn")}${draft.doneOn}晚于时限${dueOn}（逾期完成），请${where}说明原因。`);
      }
    }
    normalized.push(toLedgerRow(draft, role));
  });

  const missing: Finding[] = [];
  for (const task of plan.tasks) {
    const role = ctx.roleOf(task);
    if (!role || seen.has(task.id)) continue;
    missing.push({
      row: null,
      column: "no",
      severity: "error",
      code: "missing-task",
      message: `缺少第${task.no}项任务（${shorten(task.text)}），${unit}是该项的${role}单位，请补上此行。`,
    });
  }
  const sheet = options.sheet ? sheetFindings(options.sheet, doneRows, headerOf) : [];
  return { findings: [...sheet, ...findings, ...missing], rows: normalized };
}

/** The findings for a unit's rows: `row` is the index into `rows`, null for the sheet as a whole. */
export function validate(plan: Plan, unit: string, rows: readonly LedgerRowInput[], options: ValidateOptions): Finding[] {
  return checkLedger(plan, unit, rows, options).findings;
}

export interface NormalizeContext {
  plan: Plan;
  unit: string;
  /** The task of the row above: a row with neither number nor task text continues it. */
  previousTaskId?: string;
}

/**
 * One row from cells into the stored shape (dates as YYYY-MM-DD, status synonyms as the standard word), or
 * undefined when a cell cannot be read (unknown task, unreadable date or status, text too long). Rows that are
 * readable but wrong (empty 责任科室 …) still normalize; validate says what is wrong with them.
 */
export function normalizeRow(input: LedgerRowInput, ctx: NormalizeContext): LedgerRow | undefined {
  const previous = ctx.previousTaskId ? [{ taskId: ctx.previousTaskId, status: "未开始" }] : [];
  const { rows } = checkLedger(ctx.plan, ctx.unit, [...previous, input], { today: "9999-12-31" });
  const row = rows[rows.length - 1];
  return row && LedgerRow.safeParse(row).success ? row : undefined;
}
