import type { Plan } from "./schema";

/** Folds the ways people type a unit name (spaces, full-width brackets) so 区党政办 and "区党政办 " match. */
export function unitKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[（]/g, "(")
    .replace(/[）]/g, ")");
}

const directories = new WeakMap<Plan["units"], { size: number; byKey: Map<string, string> }>();

/**
 * The plan's own name for a unit, found through its aliases; undefined when the plan does not know it. Lookups
 * are a Map get; the map is built once per unit directory (kept with the directory's array, as plans are treated
 * as immutable), since the oversight asks for every unit of a 1,000-unit plan and rebuilding it each time made
 * that quadratic.
 */
export function unitResolver(plan: Pick<Plan, "units">): (name: string) => string | undefined {
  let directory = directories.get(plan.units);
  if (!directory || directory.size !== plan.units.length) {
    const byKey = new Map<string, string>();
    for (const unit of plan.units) {
      byKey.set(unitKey(unit.name), unit.name);
      for (const alias of unit.aliases) byKey.set(unitKey(alias), unit.name);
    }
    directories.set(plan.units, (directory = { size: plan.units.length, byKey }));
  }
  const { byKey } = directory;
  return (name) => byKey.get(unitKey(name));
}
