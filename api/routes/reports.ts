import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import type { StatusReply, UnitStatus } from "../../core/api/contract";
import { chinaDate, unitStatus } from "../../core/merge/consolidate";
import { unitKey } from "../../core/plan/unit-directory";
import type { AppEnv } from "../app-env";
import type { ExportStore } from "../exports/export-store";
import { readPage } from "../reports/consolidated-page";
import { readCursor, writeCursor } from "../reports/page-cursor";
import type { Repository } from "../storage/repository";
import { writeConsolidatedWorkbook } from "../xlsx/consolidated-workbook";
import { requirePlan, requireRole } from "./access";
import { readQuery } from "./body";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const ConsolidatedQuery = z
  .object({
    format: z.enum(["json", "xlsx"], { error: "format 只能是 json 或 xlsx" }).optional(),
    cursor: z.string().max(8192, { message: "翻页标记过长" }).optional(),
  })
  .refine((q) => !(q.format === "xlsx" && q.cursor), { message: "导出 xlsx 时不分页，请去掉 cursor", path: ["cursor"] });

export function reportRoutes(repository: Repository, exports: ExportStore, now: () => string) {
  const app = new Hono<AppEnv>();

  // JSON: one page of every unit's rows (the cursor of the next in `next`). xlsx: the whole merged workbook,
  // streamed into the export store while the ledgers are read, and handed out as a short-lived link.
  app.get("/:planId/consolidated", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    const { format, cursor } = readQuery(c, ConsolidatedQuery);
    const planId = c.req.param("planId");

    if (format === "xlsx") {
      const plan = await requirePlan(repository, planId);
      const file = { key: `${plan.id}/${randomUUID()}.xlsx`, contentType: XLSX, fileName: `${plan.title}汇总台账.xlsx` };
      await exports.save(file, (out) => writeConsolidatedWorkbook(plan, repository.ledgerStream(plan.id, { prefetch: true }), out));
      return c.json(await exports.link(file, new URL(c.req.url).origin));
    }

    // Later pages go by their cursor alone: the plan was found for the first, and the rows need nothing of it.
    const start = cursor ? readCursor(cursor, planId) : { plan: planId, planVersion: (await requirePlan(repository, planId)).version, units: 0, rows: 0 };
    const page = await readPage(repository.ledgerStream(planId, { after: start.after }), start);
    // A ConsolidatedPage written as text around the units' JSON, which readPage takes as stored.
    const next = page.next ? `,"next":${JSON.stringify(writeCursor({ plan: planId, planVersion: start.planVersion, ...page.next }))}` : "";
    return c.body(`{"planId":${JSON.stringify(planId)},"planVersion":${start.planVersion},"ledgers":[${page.ledgers.join(",")}]${next}}`, 200, {
      "content-type": "application/json; charset=UTF-8",
    });
  });

  // Every unit's standing, read a Query page at a time and kept only as the small per-unit answer.
  app.get("/:planId/status", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    const plan = await requirePlan(repository, c.req.param("planId"));
    const today = chinaDate(now());
    const reported = new Map<string, UnitStatus>();
    for await (const { ledgers } of repository.ledgerStream(plan.id, { prefetch: true }))
      for (const ledger of ledgers) reported.set(unitKey(ledger.unit), unitStatus(plan, ledger.unit, ledger, today));
    const units = plan.units.map((u) => reported.get(unitKey(u.name)) ?? unitStatus(plan, u.name, undefined, today));
    const inPlan = new Set(plan.units.map((u) => unitKey(u.name)));
    for (const [key, status] of reported) if (!inPlan.has(key)) units.push(status);
    return c.json({ planId: plan.id, ...(plan.ledgerDue ? { ledgerDue: plan.ledgerDue } : {}), today, units } satisfies StatusReply);
  });

  return app;
}
