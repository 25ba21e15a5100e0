import { Hono } from "hono";
import { z } from "zod";
import type { PlanList } from "../../core/api/contract";
import { findPublished } from "../../core/plan/identity";
import { Plan } from "../../core/plan/schema";
import { findXmlForbidden } from "../../core/sheet/escape";
import type { AppEnv } from "../app-env";
import { HttpError } from "../errors";
import type { Repository } from "../storage/repository";
import { MAX_UNIT_NAME, requirePlan, requireRole } from "./access";
import { readBody, readQuery } from "./body";

/** A published version is one table item (400 KB at most), with room to spare. */
const MAX_PLAN_BYTES = 350 * 1024;

/**
 * What a plan may not hold: a character XML 1.0 forbids (it would break every workbook made from the plan), a unit
 * name with "#" or longer than any unit's (unit names are part of table keys), a body over one table item.
 */
function refuseUnstorable(plan: Plan): void {
  const bad = findXmlForbidden(plan);
  if (bad) throw new HttpError(400, "bad-request", `方案内容有误：${bad.path}：含有表格文件无法保存的字符（${bad.char}），请删去后重新发布。`, { path: bad.path });
  const names = [
    ...plan.units.flatMap((u, i) => [[`units.${i}.name`, u.name], ...u.aliases.map((a, j) => [`units.${i}.aliases.${j}`, a])]),
    ...plan.tasks.flatMap((t, i) => [...t.lead.map((n, j) => [`tasks.${i}.lead.${j}`, n]), ...t.support.map((n, j) => [`tasks.${i}.support.${j}`, n])]),
  ] as [string, string][];
  for (const [path, name] of names) {
    if (name.includes("#") || name.length > MAX_UNIT_NAME)
      throw new HttpError(400, "bad-request", `方案内容有误：${path}：单位名称不能含“#”，也不能超过 ${MAX_UNIT_NAME} 个字（「${name.slice(0, 20)}」）。`, { path });
  }
  if (Buffer.byteLength(JSON.stringify(plan)) > MAX_PLAN_BYTES)
    throw new HttpError(413, "too-large", `方案内容超过 ${MAX_PLAN_BYTES / 1024} KB，无法保存；请删去过长的说明后重新发布。`);
}

const VersionQuery = z.object({ version: z.coerce.number({ error: "version 应为正整数" }).int().positive().optional() });

export function planRoutes(repository: Repository, now: () => string) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => c.json({ plans: await repository.listPlans() } satisfies PlanList));

  app.get("/:planId", async (c) => {
    const { version } = readQuery(c, VersionQuery);
    return c.json(await requirePlan(repository, c.req.param("planId"), version));
  });

  // Admin: publish a plan (a new version each time; every earlier version stays readable). The plan is stored
  // exactly as the admin reviewed it, so what it cannot hold is refused, never changed silently.
  app.put("/:planId", async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "admin");
    const plan = await readBody(c, Plan);
    if (plan.id !== c.req.param("planId")) throw new HttpError(400, "bad-request", `方案编号不一致：地址中是「${c.req.param("planId")}」，内容中是「${plan.id}」。`, { path: "id" });
    refuseUnstorable(plan);
    const { version: _ignored, ...content } = plan;
    // The same plan under another id would be a second plan with the same title: it must be that plan's next version.
    const same = await findPublished(plan, () => repository.listPlans(), (id) => repository.getPlan(id));
    if (same && same.id !== plan.id)
      throw new HttpError(409, "same-plan", `已发布过同一方案「${same.title}」（第 ${same.version} 版）：请在其基础上发布新版本，不要另建同名方案。`, { existingId: same.id });
    return c.json(await repository.publishPlan(content, principal.sub, now()));
  });

  return app;
}
