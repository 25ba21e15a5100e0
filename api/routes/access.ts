import type { Principal } from "../auth/principal";
import { forbidden, notFound } from "../errors";
import type { Repository, VersionedPlan } from "../storage/repository";
import { Plan } from "../../core/plan/schema";
import { unitKey, unitResolver } from "../../core/plan/unit-directory";
import { xmlForbiddenChar } from "../../core/sheet/escape";

export function requireRole(principal: Principal, ...roles: Principal["role"][]): void {
  if (!roles.includes(principal.role)) throw forbidden(`此操作需要${roles.map((r) => ROLE_NAMES[r]).join("或")}身份。`);
}

const ROLE_NAMES: Record<Principal["role"], string> = { clerk: "单位联络员", office: "督办汇总", admin: "管理员" };

/** Longer than any unit name a plan holds; and a bound on what goes into a table key. */
export const MAX_UNIT_NAME = 100;

/** Shown instead of an id too long or too strange to repeat back. */
function shown(text: string): string {
  return text.length > 40 || xmlForbiddenChar(text) ? `${text.slice(0, 20).replace(/[\u0000-\u001f\u007f-\u009f]/g, "?")}…` : text;
}

/**
 * The plan a path names. An id no plan can have (too long, characters outside the plan id's pattern) is a 404
 * without asking the database, so no path can make a table key that DynamoDB refuses.
 */
export async function requirePlan(repository: Repository, planId: string, version?: number): Promise<VersionedPlan> {
  const plan = Plan.shape.id.safeParse(planId).success ? await repository.getPlan(planId, version) : undefined;
  if (!plan) throw notFound(version ? `方案「${shown(planId)}」第 ${version} 版` : `方案「${shown(planId)}」`);
  return plan;
}

/**
 * The plan's own name for the unit in the path; a clerk may only touch its own unit (compared through the
 * plan's aliases, so 党政办 and 区党政办 are one unit). A name no unit can have is a 404.
 */
export function requireUnitAccess(plan: VersionedPlan, principal: Principal, unitInPath: string): string {
  const missing = () => notFound(`方案「${plan.title}」中的单位「${shown(unitInPath)}」`);
  if (unitInPath.length > MAX_UNIT_NAME || unitInPath.includes("#") || /[\u0000-\u001f\u007f]/.test(unitInPath) || xmlForbiddenChar(unitInPath)) throw missing();
  const resolve = unitResolver(plan);
  const unit = resolve(unitInPath) ?? unitInPath;
  if (principal.role === "clerk") {
    const own = principal.unit ? resolve(principal.unit) ?? principal.unit : undefined;
    if (!own || unitKey(own) !== unitKey(unit)) throw forbidden(`单位联络员只能查看和提交本单位（${principal.unit ?? "未指定"}）的台账。`);
  }
  if (!resolve(unit) && !plan.tasks.some((t) => [...t.lead, ...t.support].some((n) => unitKey(n) === unitKey(unit)))) throw missing();
  return unit;
}
