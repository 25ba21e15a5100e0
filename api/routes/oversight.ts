// The office's oversight: each unit's 待办 (the clerk sees its own), the 考核 ranking and its weights, 催报 through
// the channels set up, and the record of every reminder sent.
import { Hono } from "hono";
import { z } from "zod";
import { chinaDate } from "../../core/merge/consolidate";
import { unitReminders } from "../../core/oversight/reminders";
import { DeliveriesReply, RankingReply, RemindersReply, ScoreWeights, SendRequest, type UnitReminders } from "../../core/oversight/schema";
import { unitResolver } from "../../core/plan/unit-directory";
import type { AppEnv } from "../app-env";
import { HttpError, notFound } from "../errors";
import { channelsFor } from "../notify/channels";
import { sendToUnits } from "../notify/send";
import { DEFAULT_WITHIN_WORKDAYS, keepSnapshot } from "../oversight/digest";
import type { OversightDeps } from "../oversight/deps";
import { contactsOf, planOverview } from "../oversight/overview";
import type { Repository } from "../storage/repository";
import { requirePlan, requireRole, requireUnitAccess } from "./access";
import { readBody, readQuery } from "./body";
import { personLabel } from "../../core/accounts/person";

const WithinQuery = z.object({
  within: z.coerce.number({ error: "within 应为 0–30 的整数" }).int({ message: "within 应为整数" }).min(0).max(30).default(DEFAULT_WITHIN_WORKDAYS),
});

const CHANNEL_NOT_SET = "所选渠道尚未设置：请先在“催报渠道”中填写机器人地址或开启邮件。";

export function oversightRoutes(repository: Repository, deps: OversightDeps, now: () => string) {
  const app = new Hono<AppEnv>();
  const { store } = deps;

  app.get("/:planId/reminders", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    const { within } = readQuery(c, WithinQuery);
    const plan = await requirePlan(repository, c.req.param("planId"));
    const overview = await planOverview(repository, store, plan, chinaDate(now()), within);
    return c.json({ planId: plan.id, today: overview.today, withinWorkdays: within, units: overview.reminders } satisfies RemindersReply);
  });

  // The clerk's 待办 when the pane opens: one unit's ledger and reviews, not the whole plan.
  app.get("/:planId/units/:unit/reminders", async (c) => {
    const { within } = readQuery(c, WithinQuery);
    const plan = await requirePlan(repository, c.req.param("planId"));
    const unit = requireUnitAccess(plan, c.get("principal"), c.req.param("unit"));
    const [ledger, reviews] = await Promise.all([repository.getLedger(plan.id, unit), store.reviews(plan.id, unit)]);
    return c.json(unitReminders(plan, unit, ledger, { today: chinaDate(now()), withinWorkdays: within, reviews }) satisfies UnitReminders);
  });

  app.get("/:planId/ranking", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    const plan = await requirePlan(repository, c.req.param("planId"));
    const overview = await planOverview(repository, store, plan, chinaDate(now()), DEFAULT_WITHIN_WORKDAYS);
    // Looking at the ranking keeps today's scores in its history, as the daily job does on working days.
    await keepSnapshot(store, overview);
    const history = await store.snapshots(plan.id);
    return c.json({ planId: plan.id, today: overview.today, weights: overview.weights, scores: overview.scores, history } satisfies RankingReply);
  });

  app.put("/:planId/ranking/weights", async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "office", "admin");
    const plan = await requirePlan(repository, c.req.param("planId"));
    const weights = await readBody(c, ScoreWeights);
    await store.saveWeights(plan.id, weights, personLabel(principal), now());
    return c.json(weights);
  });

  app.post("/:planId/reminders/send", async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "office", "admin");
    const plan = await requirePlan(repository, c.req.param("planId"));
    const body = await readBody(c, SendRequest);
    const resolve = unitResolver(plan);
    const unknown = body.messages.find((m) => !resolve(m.unit));
    if (unknown) throw new HttpError(400, "bad-request", `方案「${plan.title}」中没有单位「${unknown.unit}」。`, { path: "messages" });
    const { channels, missing } = channelsFor(await store.settings(), body.channels, deps.notify);
    if (missing.length) throw new HttpError(422, "channel-not-set", CHANNEL_NOT_SET, { missing });
    const contacts = contactsOf(await store.contacts(plan.id));
    const deliveries = await sendToUnits(
      channels,
      body.messages.map((m) => ({ unit: resolve(m.unit)!, text: m.text, contacts: contacts(resolve(m.unit)!) })),
      { planId: plan.id, planTitle: plan.title, kind: "催报", by: personLabel(principal), now, record: (d) => store.recordDelivery(d), ...(deps.policy ? { policy: deps.policy } : {}) },
    );
    return c.json({ planId: plan.id, deliveries } satisfies DeliveriesReply);
  });

  app.get("/:planId/reminders/sent", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    const plan = await requirePlan(repository, c.req.param("planId"));
    return c.json({ planId: plan.id, deliveries: await store.deliveries(plan.id) } satisfies DeliveriesReply);
  });

  // A failed delivery sent again as it was, to the same units through the same channel, as set up now.
  app.post("/:planId/reminders/sent/:id/retry", async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "office", "admin");
    const plan = await requirePlan(repository, c.req.param("planId"));
    const failed = await store.delivery(plan.id, c.req.param("id"));
    if (!failed) throw notFound("这条发送记录");
    if (failed.status !== "失败") throw new HttpError(409, "already-delivered", "这条提醒已送达，无需重发。");
    const { channels, missing } = channelsFor(await store.settings(), [failed.channel], deps.notify);
    if (missing.length) throw new HttpError(422, "channel-not-set", CHANNEL_NOT_SET, { missing });
    const contacts = contactsOf(await store.contacts(plan.id));
    const deliveries = await sendToUnits(
      channels,
      failed.units.map((unit) => ({ unit, text: failed.text, contacts: contacts(unit) })),
      { planId: plan.id, planTitle: plan.title, kind: failed.kind, by: personLabel(principal), now, record: (d) => store.recordDelivery(d), retryOf: failed.id, ...(deps.policy ? { policy: deps.policy } : {}) },
      failed.channel === "mail" ? undefined : failed.text,
    );
    return c.json({ planId: plan.id, deliveries } satisfies DeliveriesReply);
  });

  return app;
}
