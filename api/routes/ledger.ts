import { Hono, type Context } from "hono";
import { z } from "zod";
import { LedgerPut, ReviewRequest, type HistoryReply, type LedgerReply } from "../../core/api/contract";
import { personLabel } from "../../core/accounts/person";
import { chinaDate } from "../../core/merge/consolidate";
import { rowKeys } from "../../core/ledger/row-key";
import { clerkCells, type LedgerRow } from "../../core/ledger/schema";
import { checkLedger } from "../../core/validate/validate";
import type { AppEnv } from "../app-env";
import { HttpError, notFound } from "../errors";
import type { Repository, UnitLedger, VersionedPlan } from "../storage/repository";
import { requirePlan, requireRole, requireUnitAccess } from "./access";
import { readBody, readQuery } from "./body";
import { idempotencyClaim, keyReused, stillInProgress } from "./idempotency";
import { rowDigest } from "../../core/oversight/row-digest";
import type { ReviewEvent } from "../../core/oversight/schema";

/** Where each review is kept for good (退回次数, the clerk's 待办); see api/storage/oversight-store.ts. */
export interface ReviewLog {
  logReview(planId: string, event: ReviewEvent): Promise<void>;
}

const VersionQuery = z.object({ version: z.coerce.number({ error: "version 应为正整数" }).int().positive().optional() });
const SYNC_ROUTE = "PUT /plans/{planId}/units/{unit}/ledger";

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

const sameCells = (a: LedgerRow, b: LedgerRow) => JSON.stringify(clerkCells(a)) === JSON.stringify(clerkCells(b));

export function ledgerRoutes(repository: Repository, now: () => string, reviewLog?: ReviewLog) {
  const app = new Hono<AppEnv>();

  const target = async (c: Context<AppEnv>) => {
    const plan = await requirePlan(repository, c.req.param("planId")!);
    const unit = requireUnitAccess(plan, c.get("principal"), c.req.param("unit")!);
    return { plan, unit };
  };

  app.get("/:planId/units/:unit/ledger", async (c) => {
    const { plan, unit } = await target(c);
    return c.json(reply(plan, unit, await repository.getLedger(plan.id, unit)));
  });

  // A sync: the unit's own cells of every row, with the version they were based on. The server validates them
  // with core whatever the client says and stores what it validated: the normalized rows with the plan's role
  // for each; the office's reviews stay where they are (storage/reviews.ts). Errors reject the sync whole (422),
  // warnings are stored with the rows.
  app.put("/:planId/units/:unit/ledger", async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "clerk", "admin");
    const body = await readBody(c, LedgerPut);
    // A sheet that names its plan version is checked against that (immutable, cached) version, and the
    // transaction confirms it is still current: no extra read on the hot path.
    const plan = await requirePlan(repository, c.req.param("planId"), body.planVersion);
    const unit = requireUnitAccess(plan, principal, c.req.param("unit"));
    const idempotency = idempotencyClaim(c, principal, SYNC_ROUTE, [plan.id, unit], body);
    const at = now();
    const check = checkLedger(plan, unit, body.rows, { today: chinaDate(at) });
    const errors = check.findings.filter((f) => f.severity === "error");
    if (errors.length)
      throw new HttpError(422, "has-errors", `台账有 ${errors.length} 处错误，未保存：${errors[0]!.message}`, { findings: check.findings });
    // Every row of a sync without errors reads into the stored shape; a review can only come from the office.
    const rows = check.rows.map((row) => {
      if (!row) throw new HttpError(422, "has-errors", "台账中有无法读取的行，未保存。", { findings: check.findings });
      const { review: _never, ...own } = row;
      return own;
    });
    const outcome = await repository.syncLedger({
      planId: plan.id,
      unit,
      baseVersion: body.baseVersion,
      planVersion: plan.version,
      rows,
      findings: check.findings,
      by: personLabel(principal),
      at,
      ...(idempotency ? { idempotency } : {}),
    });
    switch (outcome.kind) {
      case "accepted":
      case "replayed":
        return c.json(reply(plan, unit, outcome.ledger));
      case "stale": {
        const current = outcome.current;
        throw new HttpError(409, "stale-version", `服务器上的台账已更新到第 ${current?.version ?? 0} 版（您的副本基于第 ${body.baseVersion} 版），请逐行确认后再同步。`, {
          version: current?.version ?? 0,
          rows: current?.rows ?? [],
        });
      }
      case "plan-changed": {
        const current = await requirePlan(repository, plan.id);
        throw new HttpError(409, "plan-changed", `方案已更新到第 ${current.version} 版（您的表格基于第 ${plan.version} 版）：请先在任务窗格中应用方案更新，再同步。`, {
          planVersion: current.version,
        });
      }
      case "key-reused":
        throw keyReused();
      case "in-progress":
        throw stillInProgress();
    }
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

  // The office marks a row 通过 or 退回: a verdict on the row's content as the office read it (in the version it
  // names), shown while the row keeps that content; the unit sees it on its next read.
  app.post("/:planId/units/:unit/ledger/review", async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "office", "admin");
    const { plan, unit } = await target(c);
    const body = await readBody(c, ReviewRequest);
    const current = await repository.getLedger(plan.id, unit);
    const read = body.version === undefined || body.version === current?.version ? current : await repository.ledgerAt(plan.id, unit, body.version);
    const row = read?.rows[rowKeys(read.rows).indexOf(body.rowKey)];
    if (!read || !row) throw notFound(`「${unit}」台账${body.version ? `第 ${body.version} 版` : ""}中的第 ${body.rowKey} 项`);
    if (!current?.rows.some((r) => sameCells(r, row)))
      throw new HttpError(409, "row-changed", `「${unit}」在您查看后修改了这一行（台账现为第 ${current?.version ?? 0} 版），请刷新后再审核。`);
    const review = { verdict: body.verdict, comment: body.comment, by: personLabel(principal), at: now() };
    await repository.saveReview(plan.id, unit, row, review);
    await reviewLog?.logReview(plan.id, { unit, rowKey: body.rowKey, no: row.no, ...review, digest: rowDigest(row) });
    return c.json(reply(plan, unit, await repository.getLedger(plan.id, unit)));
  });

  return app;
}
