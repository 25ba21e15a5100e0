import { readCellDate, type CellDate } from "../dates";
import { parseDeadline } from "../plan/deadline";
import type { DeadlineRule, Plan, Task } from "../plan/schema";
import { roleFinder } from "../ledger/assignment";
import { taskMatcher, type TaskMatcher } from "../ledger/match-task";
import { numberKey } from "../ledger/task-number";
import { LedgerRow, type TaskRole } from "../ledger/schema";

/** What validating one unit's rows against one plan needs, computed once and reused for every row. */
export interface ValidationContext {
  plan: Plan;
  unit: string;
  /** The plan's tasks by id and by number as clerks write it (see numberKey). */
  taskById: Map<string, Task>;
  /** The task a number as written names (memoized: big sheets repeat numbers). */
  taskOfNumber: (no: string) => Task | undefined;
  roleOf: (task: Task) => TaskRole | undefined;
  matchText: TaskMatcher;
  /** 时限要求 text → rules; rows repeat the plan's wording, so each wording is parsed once. */
  deadlineRules: (text: string) => DeadlineRule[];
  /** readCellDate in the plan's year; rows repeat the same dates and serials, so each is read once. */
  readDate: (value: unknown) => CellDate;
  /** The most characters each text field may hold, from the LedgerRow schema. */
  maxLength: Partial<Record<keyof LedgerRow, number>>;
}

function lengthLimits(): Partial<Record<keyof LedgerRow, number>> {
  const limits: Partial<Record<keyof LedgerRow, number>> = {};
  for (const [field, schema] of Object.entries(LedgerRow.shape)) {
    const inner = "unwrap" in schema && typeof schema.unwrap === "function" ? schema.unwrap() : schema;
    const max = (inner as { maxLength?: number | null }).maxLength;
    if (typeof max === "number") limits[field as keyof LedgerRow] = max;
  }
  return limits;
}

const cache = new WeakMap<Plan, Map<string, ValidationContext>>();

/** The context outlives a check (it is cached with the plan), so what it remembers of cells is bounded. */
const MAX_REMEMBERED_DATES = 4096;

function dateReader(year: number): (value: unknown) => CellDate {
  const read = new Map<string | number, CellDate>();
  return (value) => {
    if (typeof value !== "string" && typeof value !== "number") return readCellDate(value, year);
    let date = read.get(value);
    if (!date) {
      if (read.size >= MAX_REMEMBERED_DATES) read.clear();
      read.set(value, (date = readCellDate(value, year)));
    }
    return date;
  };
}

/** The context for a plan and unit; cached per plan object, so plans are treated as immutable. */
export function validationContext(plan: Plan, unit: string): ValidationContext {
  let byUnit = cache.get(plan);
  if (!byUnit) cache.set(plan, (byUnit = new Map()));
  const cached = byUnit.get(unit);
  if (cached) return cached;
  const parsed = new Map<string, DeadlineRule[]>();
  const byNumber = new Map(plan.tasks.map((t) => [numberKey(t.no), t]));
  const byWritten = new Map<string, Task | undefined>();
  const roleOf = roleFinder(plan, unit);
  const roles = new Map(plan.tasks.map((t) => [t.id, roleOf(t)]));
  const context: ValidationContext = {
    plan,
    unit,
    taskById: new Map(plan.tasks.map((t) => [t.id, t])),
    taskOfNumber: (no) => {
      if (!byWritten.has(no)) byWritten.set(no, byNumber.get(numberKey(no)));
      return byWritten.get(no);
    },
    roleOf: (task) => roles.get(task.id),
    matchText: taskMatcher(plan.tasks),
    deadlineRules: (text) => {
      let rules = parsed.get(text);
      if (!rules) parsed.set(text, (rules = parseDeadline(text, { year: plan.year }).rules));
      return rules;
    },
    readDate: dateReader(plan.year),
    maxLength: lengthLimits(),
  };
  byUnit.set(unit, context);
  return context;
}
