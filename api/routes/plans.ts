import { Hono } from "hono";
import { z } from "zod";
import { ImportRequest, type ImportReply, type PlanList } from "../../core/api/contract";
import { importPlan, PlanImportError } from "../../core/plan/import";
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

  // Admin: a document's text → a draft plan and its parse report; nothing is stored until it is published.
  app.post("/import", async (c) => {
    requireRole(c.get("principal"), "admin");
    const body = await readBody(c, ImportRequest);
    try {
      return c.json(importPlan(body.text, { year: body.year, id: body.id }) satisfies ImportReply);
    } catch (error) {
      if (error instanceof PlanImportError) throw new HttpError(422, error.code, error.message);
      throw error;
    }
  });

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
    return c.json(await repository.publishPlan(content, principal.sub, now()));
  });

  return app;
}
