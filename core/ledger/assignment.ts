import type { Plan, Task } from "../plan/schema";
import { unitKey, unitResolver } from "../plan/unit-directory";
import type { TaskRole } from "./schema";

/**
 * The unit's role on each task of the plan: 牵头 when it leads, 配合 when it supports or the task falls to
 * every unit (各单位按职责分工落实), undefined when the task is not the unit's. Names on both sides go through
 * the plan's aliases, so 党政办 on a task and 区党政办 as the unit are the same unit.
 */
export function roleFinder(plan: Plan, unit: string): (task: Task) => TaskRole | undefined {
  const resolve = unitResolver(plan);
  const canonical = (name: string) => resolve(name) ?? unitKey(name);
  const me = canonical(unit);
  const has = (names: readonly string[]) => names.some((name) => canonical(name) === me);
  return (task) => {
    if (has(task.lead)) return "牵头";
    if (has(task.support) || task.allUnits) return "配合";
    return undefined;
  };
}
