// The channels the office set up, built for one send. Webhook addresses are the office's to give but the server's
// to trust: only the robots' own hosts over https (tests and an operator may widen that on purpose), so a webhook
// setting can never make the API call into the machine's own network.
import type { ChannelKind, ChannelSettings } from "../../core/oversight/schema";
import type { Channel } from "./channel";
import { dingtalkChannel } from "./dingtalk";
import { mailChannel, type Mailer } from "./mail";
import { wecomChannel } from "./wecom";

export const ROBOT_HOSTS: Record<"wecom" | "dingtalk", string> = { wecom: "qyapi.weixin.qq.com", dingtalk: "oapi.dingtalk.com" };

export interface NotifyDeps {
  mailer?: Mailer;
  /** Extra webhook origins allowed besides the robots' own, e.g. "http://127.0.0.1:4010" in tests. */
  extraWebhookOrigins?: string[];
  /** Milliseconds now, for 钉钉's signature; tests pin it. */
  clock?: () => number;
}

/** Why a webhook address is refused, in Chinese; undefined when it is the robot's own. */
export function webhookProblem(kind: "wecom" | "dingtalk", address: string, deps: NotifyDeps): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return "机器人地址不是有效的网址";
  }
  if (deps.extraWebhookOrigins?.includes(url.origin)) return undefined;
  if (url.protocol !== "https:" || url.hostname !== ROBOT_HOSTS[kind] || url.port !== "") {
    return `${kind === "wecom" ? "企业微信" : "钉钉"}机器人地址应以 https://${ROBOT_HOSTS[kind]}/ 开头，请从群机器人设置中复制完整的 Webhook 地址`;
  }
  return undefined;
}

/** The chosen channels that are set up, and the chosen ones that are not (reported, never skipped silently). */
export function channelsFor(settings: ChannelSettings, kinds: readonly ChannelKind[], deps: NotifyDeps): { channels: Channel[]; missing: ChannelKind[] } {
  const channels: Channel[] = [];
  const missing: ChannelKind[] = [];
  for (const kind of new Set(kinds)) {
    if (kind === "wecom" && settings.wecom && !webhookProblem("wecom", settings.wecom.webhook, deps)) channels.push(wecomChannel(settings.wecom.webhook));
    else if (kind === "dingtalk" && settings.dingtalk && !webhookProblem("dingtalk", settings.dingtalk.webhook, deps))
      channels.push(dingtalkChannel(settings.dingtalk.webhook, settings.dingtalk.secret, deps.clock));
    else if (kind === "mail" && settings.mail?.enabled && deps.mailer) channels.push(mailChannel(deps.mailer));
    else missing.push(kind);
  }
  return { channels, missing };
}
