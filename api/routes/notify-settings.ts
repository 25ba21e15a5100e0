// The office's channels (企业微信 and 钉钉 robots, e-mail) and the daily digest. The robots' addresses and
// secrets go in and never come back out: anyone holding them could post to the units' groups.
import { Hono } from "hono";
import { ChannelSettingsPut, type ChannelSettings, type ChannelSettingsView } from "../../core/oversight/schema";
import type { AppEnv } from "../app-env";
import { HttpError } from "../errors";
import { webhookProblem } from "../notify/channels";
import { DEFAULT_WITHIN_WORKDAYS } from "../oversight/digest";
import type { OversightDeps } from "../oversight/deps";
import { requireRole } from "./access";
import { readBody } from "./body";
import { personLabel } from "../../core/accounts/person";

/** Enough of the webhook to tell two apart (its last characters), nothing that lets one use it. */
const hint = (webhook: string) => `…${webhook.slice(-4)}`;

export function settingsView(settings: ChannelSettings, deps: OversightDeps): ChannelSettingsView {
  return {
    wecom: { configured: !!settings.wecom, ...(settings.wecom ? { hint: hint(settings.wecom.webhook) } : {}) },
    dingtalk: { configured: !!settings.dingtalk, ...(settings.dingtalk ? { hint: hint(settings.dingtalk.webhook) } : {}) },
    mail: { enabled: !!settings.mail?.enabled, available: !!deps.notify.mailer },
    digest: {
      enabled: !!settings.digest?.enabled,
      channels: settings.digest?.channels ?? [],
      withinWorkdays: settings.digest?.withinWorkdays ?? DEFAULT_WITHIN_WORKDAYS,
      schedule: deps.scheduleText,
    },
  };
}

export function notifySettingRoutes(deps: OversightDeps, now: () => string) {
  const app = new Hono<AppEnv>();

  app.get("/settings", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    return c.json(settingsView(await deps.store.settings(), deps));
  });

  app.put("/settings", async (c) => {
    const principal = c.get("principal");
    requireRole(principal, "office", "admin");
    const change = await readBody(c, ChannelSettingsPut);
    for (const kind of ["wecom", "dingtalk"] as const) {
      const robot = change[kind];
      const problem = robot && webhookProblem(kind, robot.webhook, deps.notify);
      if (problem) throw new HttpError(400, "bad-request", problem, { path: `${kind}.webhook` });
    }
    if (change.mail?.enabled && !deps.notify.mailer) throw new HttpError(422, "mail-unavailable", "服务器尚未配置邮件发送，请联系管理员。", { path: "mail.enabled" });
    const current = await deps.store.settings();
    const next: ChannelSettings = { ...current };
    if (change.wecom === null) delete next.wecom;
    else if (change.wecom) next.wecom = change.wecom;
    if (change.dingtalk === null) delete next.dingtalk;
    else if (change.dingtalk) next.dingtalk = change.dingtalk;
    if (change.mail) next.mail = change.mail;
    if (change.digest) next.digest = change.digest;
    await deps.store.saveSettings(next, personLabel(principal), now());
    return c.json(settingsView(next, deps));
  });

  return app;
}
