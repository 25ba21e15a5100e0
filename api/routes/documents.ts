// The office's documents: the 通报 (.docx) and the 年度报告 section (.docx or .xlsx), made from the plan's data
// at the moment they are asked for.
import { Hono } from "hono";
import { z } from "zod";
import { chinaDate } from "../../core/merge/consolidate";
import { annualReport, annualReportDocument } from "../../core/oversight/annual-report";
import { bulletin } from "../../core/oversight/bulletin";
import type { AppEnv } from "../app-env";
import { renderDocx } from "../docx/render";
import { DEFAULT_WITHIN_WORKDAYS } from "../oversight/digest";
import type { OversightDeps } from "../oversight/deps";
import { planLedgers, planOverview } from "../oversight/overview";
import type { StoredLedger } from "../../core/merge/consolidate";
import type { Repository } from "../storage/repository";
import { annualReportWorkbook } from "../xlsx/annual-report-workbook";
import { requirePlan, requireRole } from "./access";
import { readQuery } from "./body";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FormatQuery = z.object({ format: z.enum(["docx", "xlsx"], { error: "format 只能是 docx 或 xlsx" }).default("docx") });

function download(body: Buffer, type: string, asciiName: string, name: string): Response {
  return new Response(new Uint8Array(body), {
    headers: { "content-type": type, "content-disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}` },
  });
}

export function documentRoutes(repository: Repository, deps: OversightDeps, now: () => string) {
  const app = new Hono<AppEnv>();

  app.get("/:planId/bulletin", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    const plan = await requirePlan(repository, c.req.param("planId"));
    const overview = await planOverview(repository, deps.store, plan, chinaDate(now()), DEFAULT_WITHIN_WORKDAYS);
    const doc = bulletin(plan, { asOf: overview.today, scores: overview.scores, reminders: overview.reminders, weights: overview.weights });
    return download(await renderDocx(doc), DOCX, `${plan.id}-bulletin.docx`, `${doc.title}.docx`);
  });

  app.get("/:planId/annual-report", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    const { format } = readQuery(c, FormatQuery);
    const plan = await requirePlan(repository, c.req.param("planId"));
    const ledgers: StoredLedger[] = [];
    for await (const batch of planLedgers(repository, plan.id)) ledgers.push(...batch);
    const report = annualReport(plan, ledgers, chinaDate(now()));
    const name = `${plan.year}年政务公开工作要点落实情况`;
    if (format === "xlsx") return download(await annualReportWorkbook(plan, report), XLSX, `${plan.id}-annual-report.xlsx`, `${name}.xlsx`);
    return download(await renderDocx(annualReportDocument(plan, report)), DOCX, `${plan.id}-annual-report.docx`, `${name}.docx`);
  });

  return app;
}
