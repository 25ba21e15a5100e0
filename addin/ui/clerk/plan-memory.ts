import { Plan } from "../../../core/plan/schema";

// The pane keeps each plan version it wrote a sheet from, so a newer plan can be diffed against the old one
// (the API serves only the current version). Add-in storage, like the connection: never the workbook.
const keyOf = (planId: string, version: number) => `taizhang.plan.${planId}.${version}`;

export function rememberPlan(plan: Plan): void {
  try {
    localStorage.setItem(keyOf(plan.id, plan.version ?? 1), JSON.stringify(plan));
  } catch {
    // Storage full or blocked: the banner then says it cannot list the changes; nothing else depends on it.
  }
}

export function rememberedPlan(planId: string, version: number): Plan | undefined {
  const raw = localStorage.getItem(keyOf(planId, version));
  if (!raw) return undefined;
  try {
    const parsed = Plan.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
