import { readCellDate } from "../dates";
import type { DeadlineRule, Task } from "../plan/schema";
import type { IsoDate } from "../schema-kit";
import type { Finding, LedgerRow, LedgerRowInput, LedgerStatus, RowReview } from "../ledger/schema";
import { readStatus, yesNoStatus } from "../ledger/status";
import type { StatusForm } from "../sheet/headers";
import type { ValidationContext } from "./context";

// One row's cells read into plain values, with a finding for every cell that cannot be read. What needs other
// rows (duplicates, missing tasks, which columns the sheet has) is validate's job.

export interface RowDraft {
  /** The row has nothing in it: trailing or spacer rows are skipped, not reported. */
  blank: boolean;
  /** The task the row is about, when its number, id or text says so unambiguously. */
  task?: Task;
  /** Neither a number nor a task text: a further row of the task above when it follows one. */
  bare: boolean;
  /** The task was found by the row's text, the row having no number. */
  byText: boolean;
  no: string;
  text: string;
  deadline: string;
  /** The unit's own 时限要求 as rules; empty when the cell is empty or unreadable. */
  deadlineRules: DeadlineRule[];
  office: string;
  leader: string;
  measures: string;
  progress: string;
  status?: LedgerStatus;
  /** The status cell was empty (the row is read as 未开始, or as the row above for a further row). */
  statusEmpty: boolean;
  continuation: boolean;
  doneOn?: IsoDate;
  triggeredOn?: IsoDate;
  evidence: string;
  note: string;
  review?: RowReview;
  /** A cell could not be read into the stored shape (date, status, length, task). */
  unreadable: boolean;
}

/** How the row's messages name it and its cells, and what the rows above tell about it. */
export interface RowSetting {
  /** 第5行 */
  label: string;
  headerOf: (field: keyof LedgerRow) => string;
  statusForm: StatusForm;
  /** The task of the row above, for a row that continues it. */
  previous?: Task;
  /** False for a sheet without a 序号 column: every row is matched by its text, and that is said once, for the sheet. */
  numberColumn: boolean;
}

/** Any cell value as trimmed text, line breaks as Excel keeps them (\n). */
export function cellText(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value.replace(/\r\n?/g, "\n").trim();
    case "number":
      return Number.isFinite(value) ? String(value) : "";
    case "boolean":
    case "bigint":
      return String(value);
    default:
      if (value instanceof Date) {
        const read = readCellDate(value, 2000);
        return read.ok && read.date ? read.date : "";
      }
      return "";
  }
}

const CONTINUATION = /^(.*?)[(（]?续[)）]?$/;
const TEXT_FIELDS = ["task", "deadline", "office", "leader", "measures", "progress", "evidence", "note"] as const;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

export function addFinding(
  findings: Finding[],
  row: number,
  column: keyof LedgerRow,
  severity: Finding["severity"],
  code: string,
  message: string,
): void {
  findings.push({ row, column, severity, code, message });
}

/** 第5行「责任科室」: how a message names a cell. */
export function cellName(label: string, headerOf: (field: keyof LedgerRow) => string, field: keyof LedgerRow): string {
  return `${label}「${headerOf(field)}」`;
}

function isContinuation(value: unknown): boolean {
  if (value === true) return true;
  const text = typeof value === "string" ? value.trim() : "";
  return text === "是" || text === "续" || text === "true";
}

function isReview(value: unknown): value is RowReview {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v.verdict === "通过" || v.verdict === "退回") && typeof v.comment === "string";
}

const STANDARD_WORDS = "未开始、推进中、已完成、长期坚持、不适用";

export function readRow(input: LedgerRowInput, index: number, ctx: ValidationContext, findings: Finding[], setting: RowSetting): RowDraft {
  const { label, headerOf } = setting;
  const row = (typeof input === "object" && input !== null ? input : {}) as LedgerRowInput;

  let no = cellText(row.no);
  let continuation = isContinuation(row.continuation);
  const marked = CONTINUATION.exec(no);
  if (marked && no !== "") {
    no = marked[1]!.trim();
    continuation = true;
  }
  const texts = {} as Record<(typeof TEXT_FIELDS)[number], string>;
  let anyText = false;
  for (const field of TEXT_FIELDS) {
    const text = cellText(row[field]);
    texts[field] = text;
    anyText ||= text !== "";
  }
  const taskId = cellText(row.taskId);
  const draft: RowDraft = {
    blank: false,
    bare: false,
    byText: false,
    no,
    text: texts.task,
    deadline: texts.deadline,
    deadlineRules: [],
    office: texts.office,
    leader: texts.leader,
    measures: texts.measures,
    progress: texts.progress,
    statusEmpty: false,
    continuation,
    evidence: texts.evidence,
    note: texts.note,
    review: isReview(row.review) ? row.review : undefined,
    unreadable: false,
  };
  const statusText = cellText(row.status);
  if (!taskId && !no && !anyText && !statusText && isEmpty(row.doneOn) && isEmpty(row.triggeredOn)) {
    return { ...draft, blank: true };
  }

  for (const field of TEXT_FIELDS) {
    const max = ctx.maxLength[field];
    if (max !== undefined && texts[field].length > max) {
      addFinding(findings, index, field, "error", "too-long", `${cellName(label, headerOf, field)}超过 ${max} 个字，请精简。`);
      draft.unreadable = true;
    }
  }

  // Which task: the stored id, else the printed number, else the text.
  if (taskId || no) {
    const task = taskId ? ctx.taskById.get(taskId) : ctx.taskOfNumber(no);
    if (task) draft.task = task;
    else {
      addFinding(findings, index, "no", "error", "unknown-task", `${cellName(label, headerOf, "no")}“${taskId || no}”不在方案的任务中，请核对序号，或删除此行。`);
      draft.unreadable = true;
    }
  } else if (!texts.task) {
    draft.bare = true;
  } else if (setting.previous && ctx.matchText.continues(texts.task, setting.previous.id)) {
    // The task's text carried on from the row above (a long task written over two rows).
    draft.task = setting.previous;
    draft.continuation = true;
  } else {
    const match = ctx.matchText(texts.task);
    const numbers = (ids: readonly string[] = []) =>
      ids.map((id) => `第${ctx.taskById.get(id)?.no ?? id}项`).join("、");
    if (match.taskId) {
      draft.task = ctx.taskById.get(match.taskId);
      draft.byText = true;
      if (setting.numberColumn) addFinding(findings, index, "no", "warning", "matched-by-text", `${cellName(label, headerOf, "no")}为空，按任务内容对应到方案${numbers([match.taskId])}任务，请补上序号“${draft.task?.no}”。`);
    } else {
      draft.unreadable = true;
      if (match.candidates && match.candidates.length > 1) {
        addFinding(findings, index, "no", "error", "ambiguous-match", `${cellName(label, headerOf, "no")}为空，任务内容与方案${numbers(match.candidates)}任务都相近，无法确定是哪一项，请填写序号。`);
      } else if (match.candidates) {
        addFinding(findings, index, "no", "error", "weak-match", `${cellName(label, headerOf, "no")}为空，任务内容与方案${numbers(match.candidates)}任务只部分相符，请核对后填写序号。`);
      } else {
        addFinding(findings, index, "no", "error", "no-number", `${cellName(label, headerOf, "no")}为空，任务内容也对应不到方案中的任务，请填写序号。`);
      }
    }
  }

  const status = readStatus(statusText, setting.statusForm);
  switch (status.kind) {
    case "empty":
      // validate decides: a further row takes its task's status, any other row must say its own.
      draft.status = "未开始";
      draft.statusEmpty = true;
      break;
    case "standard":
      draft.status = status.status;
      break;
    case "yes":
    case "no":
      draft.status = yesNoStatus(status.kind === "yes", Boolean(draft.measures || draft.progress));
      break;
    case "synonym":
      draft.status = status.status;
      addFinding(findings, index, "status", "warning", "status-synonym", `${cellName(label, headerOf, "status")}“${status.written}”请改为标准用语“${status.status}”。`);
      break;
    case "unknown": {
      draft.unreadable = true;
      const choices = setting.statusForm === "yesNo" ? `是、否，或${STANDARD_WORDS}` : STANDARD_WORDS;
      addFinding(findings, index, "status", "error", "status-unknown", `${cellName(label, headerOf, "status")}“${status.written}”不是可选的状态，请改为：${choices}。`);
    }
  }

  for (const field of ["doneOn", "triggeredOn"] as const) {
    const read = ctx.readDate(row[field]);
    if (read.ok) {
      draft[field] = read.date;
      if (read.guessed) {
        addFinding(findings, index, field, "warning", "date-ambiguous", `${cellName(label, headerOf, field)}“${cellText(row[field])}”按${read.guessed.as}读取；如是${read.guessed.or}，请写作“${read.guessed.or}”。`);
      }
    } else {
      draft.unreadable = true;
      addFinding(findings, index, field, "error", "date-unreadable", `${cellName(label, headerOf, field)}“${cellText(row[field])}”无法识别为日期，请填写如 ${ctx.plan.year}-05-31 的日期。`);
    }
  }

  // A 时限要求 the spreadsheet turned into a date (2022/6/30) is a `by` rule; words go through the grammar.
  const asDate = ctx.readDate(row.deadline);
  if (asDate.ok && asDate.date) {
    draft.deadline = typeof row.deadline === "string" ? texts.deadline : asDate.date;
    draft.deadlineRules = [{ kind: "by", date: asDate.date }];
  } else if (texts.deadline) {
    draft.deadlineRules = ctx.deadlineRules(texts.deadline);
  }
  return draft;
}
