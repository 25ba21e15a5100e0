import { latestDue } from "../plan/due-date";
import type { Plan, Task } from "../plan/schema";
import type { IsoDate } from "../schema-kit";
import { LedgerRow, type Finding, type LedgerRowInput } from "../ledger/schema";
import { headerOf as defaultHeader } from "../sheet/columns";
import { validationContext } from "./context";
import { addFinding, cellName, readRow, type RowDraft } from "./read-row";

export interface ValidateOptions {
  today: IsoDate;
  /** How messages name a row, e.g. i => `第${sheetRow}行`; by default its place among the rows (第1行 …). */
  rowLabel?: (index: number) => string;
  /** How messages name a column, e.g. the adopted sheet's own header; by default Taizhang's header. */
  columnLabel?: (field: keyof LedgerRow) => string;
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

/**
 * Checks a unit's rows against the plan, row by row and cell by cell, and also returns each row in the stored
 * shape (what a sync sends). Pure; never throws on any cell values.
 */
export function checkLedger(plan: Plan, unit: string, rows: readonly LedgerRowInput[], options: ValidateOptions): LedgerCheck {
  const ctx = validationContext(plan, unit);
  const { today } = options;
  const labelOf = options.rowLabel ?? ((i: number) => `第${i + 1}行`);
  const headerOf = options.columnLabel ?? defaultHeader;
  const findings: Finding[] = [];
  const normalized: (LedgerRow | undefined)[] = [];
  const seen = new Set<string>();
  let previous: Task | undefined;
  const dueCache = new Map<string, { planDue?: IsoDate; ownDue?: IsoDate }>();

  rows.forEach((input, index) => {
    const label = labelOf(index);
    const draft = readRow(input, index, label, ctx, findings, headerOf);
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

    if (!draft.continuation) {
      if (!draft.office) addFinding(findings, index, "office", "error", "office-empty", `${cellName(label, headerOf, "office")}为空，请填写负责此项任务的科室。`);
      if (!draft.leader) addFinding(findings, index, "leader", "error", "leader-empty", `${cellName(label, headerOf, "leader")}为空，请填写分管领导。`);
    }
    const status = draft.status;
    if (status && STARTED.has(status) && !draft.measures) {
      addFinding(findings, index, "measures", "error", "measures-empty", `${label}已开始推进，「${headerOf("measures")}」不能为空，请填写具体措施。`);
    }
    for (const field of ["doneOn", "triggeredOn"] as const) {
      const date = draft[field];
      if (date && date > today) addFinding(findings, index, field, "error", "future-date", `${cellName(label, headerOf, field)}${date}晚于今天（${today}），请核对。`);
    }
    if (status === "已完成") {
      if (!draft.doneOn) addFinding(findings, index, "doneOn", "error", "done-without-date", `${label}状态为已完成，请填写「${headerOf("doneOn")}」。`);
      if (!draft.evidence) addFinding(findings, index, "evidence", "warning", "done-without-evidence", `${label}状态为已完成，请在「${headerOf("evidence")}」中注明材料（文件名、文号或网址）。`);
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
      if (dueOn && status && OPEN.has(status) && dueOn < today) {
        addFinding(findings, index, "status", "warning", "overdue", `${label}已过时限（${dueOn}）仍未完成（逾期），请更新「${headerOf("progress")}」和「${headerOf("status")}」。`);
      }
      if (dueOn && status === "已完成" && draft.doneOn && draft.doneOn > dueOn) {
        addFinding(findings, index, "doneOn", "warning", "done-late", `${cellName(label, headerOf, "doneOn")}${draft.doneOn}晚于时限${dueOn}（逾期完成），请在「${headerOf("note")}」中说明原因。`);
      }
    }
    normalized.push(toLedgerRow(draft, role));
  });

  for (const task of plan.tasks) {
    const role = ctx.roleOf(task);
    if (!role || seen.has(task.id)) continue;
    findings.push({
      row: null,
      column: "no",
      severity: "error",
      code: "missing-task",
      message: `缺少第${task.no}项任务（${shorten(task.text)}），${unit}是该项的${role}单位，请补上此行。`,
    });
  }
  return { findings, rows: normalized };
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
  const previous = ctx.previousTaskId ? [{ taskId: ctx.previousTaskId }] : [];
  const { rows } = checkLedger(ctx.plan, ctx.unit, [...previous, input], { today: "9999-12-31" });
  const row = rows[rows.length - 1];
  return row && LedgerRow.safeParse(row).success ? row : undefined;
}
