import type { Plan } from "../plan/schema";
import { roleFinder } from "./assignment";
import type { LedgerRow } from "./schema";

/** The rows a unit must carry: one per task it leads, supports or shares with all units, in plan order. */
export function ledgerFor(plan: Plan, unit: string): LedgerRow[] {
  const roleOf = roleFinder(plan, unit);
  const rows: LedgerRow[] = [];
  for (const task of plan.tasks) {
    const role = roleOf(task);
    if (!role) continue;
    rows.push({
      taskId: task.id,
      no: task.no,
      task: task.text,
      deadline: task.deadline.text,
      office: "",
      leader: "",
      measures: "",
      progress: "",
      status: "未开始",
      role,
    });
  }
  return rows;
}
