// When the server's plan is newer than the sheet's: the unit's rows after the update, no filled cell lost.
import { deadlineText } from "../../core/ledger/deadline-words";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { LedgerRow } from "../../core/ledger/schema";
import type { PlanDiff } from "../../core/plan/diff";
import type { Plan } from "../../core/plan/schema";
import { applyServerRows, type AppliedRows, type Progress } from "./apply-rows";

export const REMOVED_NOTE = "方案已删除此项任务";

const filledByUnit = (row: LedgerRow) =>
  Boolean(row.office || row.leader || row.measures || row.progress || row.doneOn || row.triggeredOn || row.evidence || row.note) ||
  row.status !== "未开始";

/**
 * The unit's rows under the newer plan, in its order:
 * - tasks the unit now carries (added, or newly assigned) get fresh rows;
 * - changed tasks get the new number and wording, and the new deadline unless the unit had set its own;
 * - rows of tasks the unit no longer carries are dropped when nothing was filled in, otherwise kept at the end
 *   as 不适用 with a note, so the clerk decides what to do with what they wrote.
 */
export function planUpdateRows(plan: Plan, unit: string, diff: PlanDiff, current: readonly LedgerRow[]): LedgerRow[] {
  const fresh = ledgerFor(plan, unit);
  const carried = new Set(fresh.map((row) => row.taskId));
  const changes = new Map(diff.changed.map((change) => [change.id, change]));
  const byTask = new Map<string, LedgerRow[]>();
  for (const row of current) byTask.set(row.taskId, [...(byTask.get(row.taskId) ?? []), row]);

  const updated = fresh.flatMap((template) => {
    const existing = byTask.get(template.taskId);
    if (!existing) return [template];
    const change = changes.get(template.taskId);
    if (!change) return existing.map((row) => ({ ...row, role: template.role }));
    return existing.map((row) => ({
      ...row,
      no: template.no,
      task: template.task,
      role: template.role,
      deadline: row.deadline === deadlineText(change.before) ? template.deadline : row.deadline,
    }));
  });
  const leftOver = current
    .filter((row) => !carried.has(row.taskId) && filledByUnit(row))
    .map((row) => ({ ...row, status: "不适用" as const, note: row.note?.includes(REMOVED_NOTE) ? row.note : [row.note, REMOVED_NOTE].filter(Boolean).join("；") }));
  return [...updated, ...leftOver];
}

/** Applies the newer plan to the sheet: planUpdateRows, written as one whole-range update; the plan is kept with it. */
export function applyPlanUpdate(
  plan: Plan,
  unit: string,
  diff: PlanDiff,
  current: readonly LedgerRow[],
  version: number,
  progress?: Progress,
): Promise<AppliedRows> {
  return applyServerRows(planUpdateRows(plan, unit, diff, current), { version, planVersion: plan.version ?? 0 }, plan, progress);
}
