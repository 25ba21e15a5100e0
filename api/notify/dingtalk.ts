// 钉钉 custom robot with 加签: every request carries the time and an HMAC-SHA256 of "timestamp\nsecret" keyed by the
// secret, so a leaked webhook address alone cannot post to the group. Mentions need both atMobiles and "@mobile"
// in the text.
import { createHmac } from "node:crypto";
import type { Channel } from "./channel";
import { postToRobot } from "./robot-http";

/** -1 系统繁忙, 130101 发送太快 (20 a minute per robot). */
const RETRYABLE = new Set([-1, 130101]);

/** The sign parameter for a timestamp in milliseconds: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)). */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`, "utf8").digest("base64");
}

export function signedUrl(webhook: string, secret: string, timestamp: number): string {
  const url = new URL(webhook);
  url.searchParams.set("timestamp", String(timestamp));
  url.searchParams.set("sign", dingtalkSign(secret, timestamp));
  return url.toString();
}

export function dingtalkChannel(webhook: string, secret: string, clock: () => number = Date.now): Channel {
  return {
    kind: "dingtalk",
    to: "钉钉群机器人",
    maxBytes: 2048,
    send: (message, signal) => {
      const mentions = message.mobiles.map((m) => `@${m}`).join(" ");
      const body = { msgtype: "text", text: { content: mentions ? `${message.text}\n${mentions}` : message.text }, at: { atMobiles: message.mobiles, isAtAll: false } };
      // Signed at each attempt: 钉钉 refuses a timestamp more than an hour off.
      return postToRobot(signedUrl(webhook, secret, clock()), body, signal, RETRYABLE);
    },
  };
}
