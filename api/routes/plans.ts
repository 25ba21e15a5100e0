import { Hono } from "hono";
import { z } from "zod";
import type { PlanList } from "../../core/api/contract";
import { findPublished } from "../../core/plan/identity";
import { Plan } from "../../core/plan/schema";
import type { AppEnv } from "../app-env";
import { HttpError } from "../errors";
import type { Repository } from "../storage/repository";
import { requirePlan, requireRole } from "./access";
import { readBody, readQuery } from "./body";

const VersionQuery = z.object({ version: z.coerce.number({ error: "version 应为正整数" }).int().positive().optional() });

export function planRoutes(repository: Repository, now: () => string) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => c.json({ plans: await repository.listPlans() } satisfies PlanList));

  app.get("/:planId", async (c) => {
    const { version } = readQuery(c, VersionQuery);
    return c.json(await requirePlan(repository, c.req.param("planId"), version));
  });

  // Admin: publish a plan (a new version each time; every earlier version stays readable).
  app.put("/:planId", async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "admin");
    const plan = await readBody(c, Plan);
    if (plan.id !== c.req.param("planId")) throw new HttpError(400, "bad-request", `方案编号不一致：地址中是「${c.req.param("planId")}」，内容中是「${plan.id}」。`, { path: "id" });
    const { version: _ignored, ...content } = plan;
    // The same plan under another id would be a second plan with the same title: it must be that plan's next version.
    const same = await findPublished(plan, () => repository.listPlans(), (id) => repository.getPlan(id));
    if (same && same.id !== plan.id)
      throw new HttpError(409, "same-plan", `已发布过同一方案「${same.title}」（第 ${same.version} 版）：请在其基础上发布新版本，不要另建同名方案。`, { existingId: same.id });
    return c.json(await repository.publishPlan(content, principal.sub, now()));
  });

  return app;
}
