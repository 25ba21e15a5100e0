import type { Principal } from "../auth/principal";
import { forbidden, notFound } from "../errors";
import type { Repository, VersionedPlan } from "../storage/repository";
import { unitKey, unitResolver } from "../../core/plan/unit-directory";

export function requireRole(principal: Principal, ...roles: Principal["role"][]): void {
  if (!roles.includes(principal.role)) throw forbidden(`此操作需要${roles.map((r) => ROLE_NAMES[r]).join("或")}身份。`);
}

const ROLE_NAMES: Record<Principal["role"], string> = { clerk: "单位联络员", office: "督办汇总", admin: "管理员" };

export async function requirePlan(repository: Repository, planId: string, version?: number): Promise<VersionedPlan> {
  const plan = await repository.getPlan(planId, version);
  if (!plan) throw notFound(version ? `方案「${planId}」第 ${version} 版` : `方案「${planId}」`);
  return plan;
}

/**
 * The plan's own name for the unit in the path; a clerk may only touch its own unit (compared through the
 * plan's aliases, so 党政办 and 区党政办 are one unit).
 */
export function requireUnitAccess(plan: VersionedPlan, principal: Principal, unitInPath: string): string {
  const resolve = unitResolver(plan);
  const unit = resolve(unitInPath) ?? unitInPath;
  if (principal.role === "clerk") {
    const own = principal.unit ? resolve(principal.unit) ?? principal.unit : undefined;
    if (!own || unitKey(own) !== unitKey(unit)) throw forbidden(`单位联络员只能查看和提交本单位（${principal.unit ?? "未指定"}）的台账。`);
  }
  if (!resolve(unit) && !plan.tasks.some((t) => [...t.lead, ...t.support].some((n) => unitKey(n) === unitKey(unit))))
    throw notFound(`方案「${plan.title}」中的单位「${unitInPath}」`);
  return unit;
}
