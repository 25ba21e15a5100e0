import type { Plan } from "../plan/schema";
import { unitResolver } from "../plan/unit-directory";
import { roleFinder } from "./assignment";
import { deadlineText } from "./deadline-words";
import type { LedgerRow } from "./schema";

/** The rows a unit must carry: one per task it leads, supports or shares with all units, in plan order. */
export function ledgerFor(plan: Plan, unit: string): LedgerRow[] {
  const roleOf = roleFinder(plan, unit);
  const resolve = unitResolver(plan);
  const me = resolve(unit) ?? unit;
  // Offices the plan itself names inside the unit ("区党政办（文秘科、宣传信息科）牵头") prefill 责任科室.
  const officesOf = (offices: Record<string, string[]> | undefined) =>
    Object.entries(offices ?? {}).find(([name]) => (resolve(name) ?? name) === me)?.[1].join("、") ?? "";
  const rows: LedgerRow[] = [];
  for (const task of plan.tasks) {
    const role = roleOf(task);
    if (!role) continue;
    rows.push({
      taskId: task.id,
      no: task.no,
      task: task.text,
      deadline: deadlineText(task),
      office: officesOf(task.offices),
      leader: "",
      measures: "",
      progress: "",
      status: "未开始",
      role,
    });
  }
  return rows;
}
