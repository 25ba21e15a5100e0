import { Hono } from "hono";
import { z } from "zod";
import { LedgerPut, ReviewRequest, type HistoryReply, type LedgerReply } from "../../core/api/contract";
import { personLabel } from "../../core/accounts/person";
import { chinaDate } from "../../core/merge/consolidate";
import { rowKeys } from "../../core/ledger/row-key";
import { checkLedger } from "../../core/validate/validate";
import type { AppEnv } from "../app-env";
import { HttpError, notFound } from "../errors";
import type { Repository, UnitLedger, VersionedPlan } from "../storage/repository";
import { requirePlan, requireRole, requireUnitAccess } from "./access";
import { readBody, readQuery } from "./body";
import { rowDigest } from "../../core/oversight/row-digest";
import type { ReviewEvent } from "../../core/oversight/schema";

/** Where each review is kept for good (退回次数, the clerk's 待办); see api/storage/oversight-store.ts. */
export interface ReviewLog {
  logReview(planId: string, event: ReviewEvent): Promise<void>;
}

const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, { message: "Idempotency-Key 应为 8–128 位字母、数字、-、_" });
const VersionQuery = z.object({ version: z.coerce.number({ error: "version 应为正整数" }).int().positive().optional() });

function reply(plan: VersionedPlan, unit: string, ledger: UnitLedger | undefined): LedgerReply {
  return {
    planId: plan.id,
    unit,
    version: ledger?.version ?? 0,
    planVersion: plan.version,
    rows: ledger?.rows ?? [],
    findings: ledger?.findings ?? [],
    ...(ledger?.updatedAt ? { updatedAt: ledger.updatedAt } : {}),
    ...(ledger?.updatedBy ? { updatedBy: ledger.updatedBy } : {}),
  };
}

export function ledgerRoutes(repository: Repository, now: () => string, reviewLog?: ReviewLog) {
  const app = new Hono<AppEnv>();

  const target = async (c: { req: { param(name: string): string }; get(key: "principal"): any }) => {
    const plan = await requirePlan(repository, c.req.param("planId"));
    const unit = requireUnitAccess(plan, c.get("principal"), c.req.param("unit"));
    return { plan, unit };
  };

  app.get("/:planId/units/:unit/ledger", async (c) => {
    const { plan, unit } = await target(c);
    return c.json(reply(plan, unit, await repository.getLedger(plan.id, unit)));
  });

  // A sync: the whole ledger with the version it was based on. The server validates with core whatever the
  // client says; errors reject it whole (422), warnings are stored with the rows.
  app.put("/:planId/units/:unit/ledger", async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "clerk", "admin");
    const body = await readBody(c, LedgerPut);
    // A sheet that names its plan version is checked against that (immutable, cached) version, and the
    // transaction confirms it is still current: no extra read on the hot path.
    const plan = await requirePlan(repository, c.req.param("planId"), body.planVersion);
    const unit = requireUnitAccess(plan, principal, c.req.param("unit"));
    const keyHeader = c.req.header("idempotency-key");
    const key = keyHeader === undefined ? undefined : IdempotencyKey.safeParse(keyHeader);
    if (key && !key.success) throw new HttpError(400, "bad-request", key.error.issues[0]!.message, { path: "Idempotency-Key" });
    const at = now();
    const { findings } = checkLedger(plan, unit, body.rows, { today: chinaDate(at) });
    const errors = findings.filter((f) => f.severity === "error");
    if (errors.length)
      throw new HttpError(422, "has-errors", `台账有 ${errors.length} 处错误，未保存：${errors[0]!.message}`, { findings });
    const outcome = await repository.syncLedger({
      planId: plan.id,
      unit,
      baseVersion: body.baseVersion,
      ...(body.planVersion === undefined ? {} : { planVersion: body.planVersion }),
      rows: body.rows,
      findings,
      by: personLabel(principal),
      at,
      ...(key?.success ? { idempotency: { sub: principal.sub, key: key.data } } : {}),
    });
    if (outcome.kind === "stale") {
      const current = outcome.current;
      throw new HttpError(409, "stale-version", `服务器上的台账已更新到第 ${current?.version ?? 0} 版（您的副本基于第 ${body.baseVersion} 版），请逐行确认后再同步。`, {
        version: current?.version ?? 0,
        rows: current?.rows ?? [],
      });
    }
    if (outcome.kind === "plan-changed") {
      const current = await requirePlan(repository, plan.id);
      throw new HttpError(409, "plan-changed", `方案已更新到第 ${current.version} 版（您的表格基于第 ${plan.version} 版）：请先在任务窗格中应用方案更新，再同步。`, {
        planVersion: current.version,
      });
    }
    if (outcome.kind === "replayed") return c.json(reply(plan, unit, await repository.ledgerAt(plan.id, unit, outcome.version)));
    return c.json(reply(plan, unit, outcome.ledger));
  });

  app.get("/:planId/units/:unit/ledger/history", async (c) => {
    const { plan, unit } = await target(c);
    const { version } = readQuery(c, VersionQuery);
    if (version !== undefined) {
      const ledger = await repository.ledgerAt(plan.id, unit, version);
      if (!ledger) throw notFound(`「${unit}」台账第 ${version} 版`);
      return c.json(reply(plan, unit, ledger));
    }
    return c.json({ planId: plan.id, unit, versions: await repository.history(plan.id, unit) } satisfies HistoryReply);
  });

  // The office marks a row 通过 or 退回; the unit sees it on its next read.
  app.post("/:planId/units/:unit/ledger/review", async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "office", "admin");
    const { plan, unit } = await target(c);
    const body = await readBody(c, ReviewRequest);
    const ledger = await repository.getLedger(plan.id, unit);
    const row = ledger?.rows[rowKeys(ledger.rows).indexOf(body.rowKey)];
    if (!row) throw notFound(`「${unit}」台账中的第 ${body.rowKey} 项`);
    const review = { verdict: body.verdict, comment: body.comment, by: personLabel(principal), at: now() };
    await repository.saveReview(plan.id, unit, body.rowKey, review);
    await reviewLog?.logReview(plan.id, { unit, rowKey: body.rowKey, no: row.no, ...review, digest: rowDigest(row) });
    return c.json(reply(plan, unit, await repository.getLedger(plan.id, unit)));
  });

  return app;
}
