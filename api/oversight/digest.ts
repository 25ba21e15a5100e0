// The daily job: on each working day, for each plan of the year, keep the day's scores (the ranking's history)
// and, when the office turned the digest on, send it: the robots get the list of who is late and what falls due,
// mentioning those units' contacts; each such unit gets its own reminder by mail. Run by croner locally and by
// EventBridge Scheduler on AWS; a run on a day off does nothing.
import { isWorkday } from "../../core/calendar";
import { chinaDate } from "../../core/merge/consolidate";
import { digestText, hasReminders, reminderText } from "../../core/oversight/messages";
import type { Delivery } from "../../core/oversight/schema";
import type { IsoDate } from "../../core/schema-kit";
import { channelsFor, type NotifyDeps } from "../notify/channels";
import type { RetryPolicy } from "../notify/deliver";
import { sendToUnits } from "../notify/send";
import type { OversightStore } from "../storage/oversight-store";
import type { Repository } from "../storage/repository";
import { contactsOf, planOverview, type PlanOverview } from "./overview";

export interface DigestDeps {
  repository: Repository;
  store: OversightStore;
  notify: NotifyDeps;
  now: () => string;
  policy?: RetryPolicy;
}

export interface DigestRun {
  day: IsoDate;
  /** Why nothing was done, when nothing was. */
  skipped?: string;
  plans: Array<{ planId: string; snapshot: boolean; deliveries: Delivery[]; missingChannels: string[] }>;
}

export const DEFAULT_WITHIN_WORKDAYS = 3;

/** Today's scores kept as the day's entry of the ranking's history. */
export async function keepSnapshot(store: OversightStore, overview: PlanOverview): Promise<void> {
  await store.saveSnapshot(overview.plan.id, {
    date: overview.today,
    scores: overview.scores.map(({ unit, rank, total, parts }) => ({ unit, rank, total, parts })),
  });
}

export async function runDailyDigest(deps: DigestDeps): Promise<DigestRun> {
  const day = chinaDate(deps.now());
  if (!isWorkday(day)) return { day, skipped: "非工作日", plans: [] };
  const settings = await deps.store.settings();
  const digest = settings.digest;
  const within = digest?.withinWorkdays ?? DEFAULT_WITHIN_WORKDAYS;
  const year = Number(day.slice(0, 4));
  const run: DigestRun = { day, plans: [] };
  for (const summary of (await deps.repository.listPlans()).filter((p) => p.year === year)) {
    const plan = await deps.repository.getPlan(summary.id);
    if (!plan) continue;
    const overview = await planOverview(deps.repository, deps.store, plan, day, within);
    await keepSnapshot(deps.store, overview);
    const entry: DigestRun["plans"][number] = { planId: plan.id, snapshot: true, deliveries: [], missingChannels: [] };
    run.plans.push(entry);
    if (!digest?.enabled || digest.channels.length === 0) continue;
    const due = overview.reminders.filter(hasReminders);
    const text = digestText(plan, day, due, within);
    if (!text) continue;
    const { channels, missing } = channelsFor(settings, digest.channels, deps.notify);
    entry.missingChannels = missing;
    if (missing.length) console.error(`[digest] ${plan.id}: channels not set up: ${missing.join(", ")}`);
    const contacts = contactsOf(await deps.store.contacts(plan.id));
    const messages = due.map((r) => ({ unit: r.unit, text: reminderText(plan, r, within), contacts: contacts(r.unit) }));
    entry.deliveries = await sendToUnits(
      channels,
      messages,
      { planId: plan.id, planTitle: plan.title, kind: "每日提醒", by: "定时任务", now: deps.now, record: (d) => deps.store.recordDelivery(d), ...(deps.policy ? { policy: deps.policy } : {}) },
      text,
    );
  }
  if (!digest?.enabled) run.skipped = "未开启每日提醒（已记录当日得分）";
  return run;
}
