import { PassThrough, Readable } from "node:stream";
import { Hono } from "hono";
import { z } from "zod";
import type { StatusReply } from "../../core/api/contract";
import { chinaDate, consolidate, unitStatus } from "../../core/merge/consolidate";
import { unitKey } from "../../core/plan/unit-directory";
import type { AppEnv } from "../app-env";
import type { Repository } from "../storage/repository";
import { writeConsolidatedWorkbook } from "../xlsx/consolidated-workbook";
import { requirePlan, requireRole } from "./access";
import { readQuery } from "./body";

const FormatQuery = z.object({ format: z.enum(["json", "xlsx"], { error: "format 只能是 json 或 xlsx" }).optional() });

export function reportRoutes(repository: Repository, now: () => string) {
  const app = new Hono<AppEnv>();

  app.get("/:planId/consolidated", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    const { format } = readQuery(c, FormatQuery);
    const plan = await requirePlan(repository, c.req.param("planId"));
    const data = consolidate(plan, await repository.listLedgers(plan.id));
    if (format !== "xlsx") return c.json(data);
    const stream = new PassThrough();
    writeConsolidatedWorkbook(plan, data, stream).catch((error) => stream.destroy(error));
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="${plan.id}-consolidated.xlsx"; filename*=UTF-8''${encodeURIComponent(`${plan.title}汇总台账.xlsx`)}`,
      },
    });
  });

  app.get("/:planId/status", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    const plan = await requirePlan(repository, c.req.param("planId"));
    const today = chinaDate(now());
    const ledgers = new Map((await repository.listLedgers(plan.id)).map((l) => [unitKey(l.unit), l]));
    const names = [...plan.units.map((u) => u.name), ...[...ledgers.values()].map((l) => l.unit)];
    const units = [...new Map(names.map((n) => [unitKey(n), n])).values()];
    return c.json({
      planId: plan.id,
      ...(plan.ledgerDue ? { ledgerDue: plan.ledgerDue } : {}),
      today,
      units: units.map((unit) => unitStatus(plan, unit, ledgers.get(unitKey(unit)), today)),
    } satisfies StatusReply);
  });

  return app;
}
