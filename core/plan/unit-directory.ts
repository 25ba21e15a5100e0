import type { Plan } from "./schema";

/** Folds the ways people type a unit name (spaces, full-width brackets) so 区党政办 and "区党政办 " match. */
export function unitKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[（]/g, "(")
    .replace(/[）]/g, ")");
}

/**
 * The plan's own name for a unit, found through its aliases; undefined when the plan does not know it.
 * Build once per plan and reuse: lookups are a Map get.
 */
export function unitResolver(plan: Pick<Plan, "units">): (name: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const unit of plan.units) {
    byKey.set(unitKey(unit.name), unit.name);
    for (const alias of unit.aliases) byKey.set(unitKey(alias), unit.name);
  }
  return (name) => byKey.get(unitKey(name));
}
