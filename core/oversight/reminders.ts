// Each unit's 待办 from the plan's own deadlines on the statutory calendar: what is overdue, what falls due within
// N working days, which rows the office returned and the unit has not touched since, and whether its 台账 is in.
import { chinaDate } from "../merge/consolidate";
import type { Plan } from "../plan/schema";
import type { IsoDate } from "../schema-kit";
import { rowKeys } from "../ledger/row-key";
import { rowDigest } from "./row-digest";
import type { ReminderItem, ReportState, ReturnedItem, ReviewEvent, UnitReminders } from "./schema";
import { unitFacts, workdaysBetween, type LedgerOnFile, type TaskFact } from "./unit-facts";

export interface ReminderOptions {
  today: IsoDate;
  /** "Due soon" is due within this many working days (today counts as 0). */
  withinWorkdays: number;
  /** The office's review log for the unit, oldest first: a 退回 stays a 待办 until the row changes. */
  reviews?: readonly ReviewEvent[];
}

const shortTask = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function item(fact: TaskFact, workdays: number): ReminderItem {
  return {
    taskId: fact.task.id,
    no: fact.row?.no || fact.task.no,
    task: shortTask(fact.task.text),
    ...(fact.due ? { due: fact.due } : {}),
    status: fact.row ? fact.status : "未填报",
    workdays,
  };
}

/** Where the unit's 台账 stands against the plan's ledgerDue: in or not, on time or late, days left or past. */
export function ledgerState(plan: Pick<Plan, "ledgerDue">, ledger: LedgerOnFile | undefined, today: IsoDate): UnitReminders["ledger"] {
  const due = plan.ledgerDue;
  const firstDay = ledger?.firstSyncAt ? chinaDate(ledger.firstSyncAt) : undefined;
  if (ledger) {
    const late = due !== undefined && firstDay !== undefined && firstDay > due;
    const state: ReportState = late ? "逾期报送" : "已报送";
    return {
      state,
      ...(due ? { due } : {}),
      ...(late ? { workdays: workdaysBetween(due!, firstDay!) } : {}),
      ...(ledger.firstSyncAt ? { firstSyncAt: ledger.firstSyncAt } : {}),
    };
  }
  if (due === undefined) return { state: "未报送" };
  if (today > due) return { state: "逾期未报送", due, workdays: workdaysBetween(due, today) };
  return { state: "未报送", due, workdays: workdaysBetween(today, due) };
}

/** The 退回 rows the unit has not changed since: the row's cells still match what the office returned. */
function returnedUnchanged(ledger: LedgerOnFile | undefined, reviews: readonly ReviewEvent[]): ReturnedItem[] {
  if (!ledger) return [];
  const lastByRow = new Map<string, ReviewEvent>();
  for (const event of reviews) lastByRow.set(event.rowKey, event);
  const keys = rowKeys(ledger.rows);
  const returned: ReturnedItem[] = [];
  ledger.rows.forEach((row, i) => {
    const review = row.review;
    if (review?.verdict !== "退回") return;
    const event = lastByRow.get(keys[i]!);
    // With the digest of the row as returned, any change counts; without one (a review from before the log), a
    // sync after the review does.
    const unchanged = event?.verdict === "退回" ? event.digest === rowDigest(row) : !ledger.updatedAt || ledger.updatedAt <= review.at;
    if (unchanged) returned.push({ rowKey: keys[i]!, no: row.no, task: shortTask(row.task), comment: review.comment, by: review.by, at: review.at });
  });
  return returned;
}

/** One unit's reminder lists for `today`. A unit that never reported carries every task it has, as 未填报. */
export function unitReminders(plan: Plan, unit: string, ledger: LedgerOnFile | undefined, options: ReminderOptions): UnitReminders {
  const { today, withinWorkdays } = options;
  const facts = unitFacts(plan, unit, ledger?.rows ?? [], today);
  const overdue = facts.filter((f) => f.overdue).map((f) => item(f, workdaysBetween(f.due!, today)));
  const dueSoon = facts
    .filter((f) => f.workdaysLeft !== undefined && f.workdaysLeft <= withinWorkdays)
    .map((f) => item(f, f.workdaysLeft!))
    .sort((a, b) => a.workdays - b.workdays);
  const state = ledgerState(plan, ledger, today);
  return {
    unit,
    ledger: state,
    overdue,
    dueSoon,
    returned: returnedUnchanged(ledger, options.reviews ?? []),
    late: state.state === "逾期未报送" || overdue.length > 0,
  };
}
