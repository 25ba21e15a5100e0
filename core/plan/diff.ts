import { ruleKey } from "./deadline";
import type { Deadline, Plan, Task } from "./schema";

export type TaskField = "text" | "deadline" | "lead" | "support" | "allUnits" | "no" | "section";

export interface TaskChange {
  id: string;
  before: Task;
  after: Task;
  /** The fields a clerk should look at, in this order. */
  fields: TaskField[];
}

export interface PlanDiff {
  /** In the newer plan's order. */
  added: Task[];
  /** In the older plan's order. */
  removed: Task[];
  /** In the newer plan's order. */
  changed: TaskChange[];
}

const sameDeadline = (a: Deadline, b: Deadline) =>
  a.text === b.text && a.rules.map(ruleKey).join("\n") === b.rules.map(ruleKey).join("\n");

const sameUnits = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

// Unit lists compare as sets: the same units listed in another order is no change a clerk must act on.
const FIELD_EQUAL: Readonly<Record<TaskField, (a: Task, b: Task) => boolean>> = {
  text: (a, b) => a.text === b.text,
  deadline: (a, b) => sameDeadline(a.deadline, b.deadline),
  lead: (a, b) => sameUnits(a.lead, b.lead),
  support: (a, b) => sameUnits(a.support, b.support),
  allUnits: (a, b) => a.allUnits === b.allUnits,
  no: (a, b) => a.no === b.no,
  section: (a, b) => a.section === b.section,
};
const FIELDS = Object.keys(FIELD_EQUAL) as TaskField[];

/** What changed between two versions of a plan, tasks matched by id. */
export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const oldById = new Map(before.tasks.map((task) => [task.id, task]));
  const newIds = new Set(after.tasks.map((task) => task.id));
  const added: Task[] = [];
  const changed: TaskChange[] = [];
  for (const task of after.tasks) {
    const old = oldById.get(task.id);
    if (!old) {
      added.push(task);
      continue;
    }
    const fields = FIELDS.filter((field) => !FIELD_EQUAL[field](old, task));
    if (fields.length > 0) changed.push({ id: task.id, before: old, after: task, fields });
  }
  const removed = before.tasks.filter((task) => !newIds.has(task.id));
  return { added, removed, changed };
}
