// What the office's oversight asks of one unit's ledger, worked out once: each task the unit carries, the row the
// unit keeps for it, when it falls due on the statutory calendar, and whether it is late. Reminders, scores, the
// 通报 and the sheets all read these facts, so they can never disagree on what "overdue" means.
import { addDays, isWorkday } from "../calendar";
import { roleFinder } from "../ledger/assignment";
import { rowKeys } from "../ledger/row-key";
import type { LedgerRow, LedgerStatus, TaskRole } from "../ledger/schema";
import { latestDue } from "../plan/due-date";
import type { Plan, Task } from "../plan/schema";
import type { IsoDate } from "../schema-kit";
import { validationContext } from "../validate/context";

/** A unit's synced ledger as storage hands it over (the shape core/merge's StoredLedger has). */
export interface LedgerOnFile {
  unit: string;
  version: number;
  firstSyncAt?: string;
  updatedAt?: string;
  rows: LedgerRow[];
}

export interface TaskFact {
  task: Task;
  role: TaskRole;
  /** The unit's first row for the task (further rows continue it); undefined when the unit has none. */
  row: LedgerRow | undefined;
  rowKey: string | undefined;
  /** The unit's status, or 未开始 when it never wrote the row. */
  status: LedgerStatus;
  /** The last day allowed: the unit's own earlier 时限 where it set one, else the plan's; none for 长期坚持 and the like. */
  due: IsoDate | undefined;
  /** Open (未开始 / 推进中) and its day has passed. */
  overdue: boolean;
  /** Working days from tomorrow up to the due day (0: due today); undefined when not due or already past. */
  workdaysLeft: number | undefined;
}

const OPEN: ReadonlySet<LedgerStatus> = new Set(["未开始", "推进中"]);

const counted = new Map<string, number>();
const MAX_REMEMBERED = 4096;

/**
 * Working days after `from` up to and including `to` on the statutory calendar (调休 included); 0 when `to` is
 * `from` or earlier. Every unit of a plan asks the same few pairs, so answers are remembered (bounded).
 */
export function workdaysBetween(from: IsoDate, to: IsoDate): number {
  const key = `${from}|${to}`;
  let count = counted.get(key);
  if (count === undefined) {
    count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkday(day)) count++;
    if (counted.size >= MAX_REMEMBERED) counted.clear();
    counted.set(key, count);
  }
  return count;
}

/** Every task the plan gives the unit, in plan order, with the unit's row and where it stands on `today`. */
export function unitFacts(plan: Plan, unit: string, rows: readonly LedgerRow[], today: IsoDate): TaskFact[] {
  const roleOf = roleFinder(plan, unit);
  const ctx = validationContext(plan, unit);
  const keys = rowKeys(rows);
  const first = new Map<string, number>();
  rows.forEach((row, i) => {
    if (!first.has(row.taskId)) first.set(row.taskId, i);
  });
  const facts: TaskFact[] = [];
  for (const task of plan.tasks) {
    const role = roleOf(task);
    if (!role) continue;
    const at = first.get(task.id);
    const row = at === undefined ? undefined : rows[at];
    const status = row?.status ?? "未开始";
    const dueCtx = { year: plan.year, today, triggeredOn: row?.triggeredOn };
    const planDue = latestDue(task.deadline.rules, dueCtx);
    const ownDue = row && row.deadline ? latestDue(ctx.deadlineRules(row.deadline), dueCtx) : undefined;
    const due = ownDue && (!planDue || ownDue <= planDue) ? ownDue : planDue;
    const open = OPEN.has(status);
    facts.push({
      task,
      role,
      row,
      rowKey: at === undefined ? undefined : keys[at],
      status,
      due,
      overdue: open && due !== undefined && due < today,
      workdaysLeft: open && due !== undefined && due >= today ? workdaysBetween(today, due) : undefined,
    });
  }
  return facts;
}
