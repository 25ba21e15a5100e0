// 企业微信 group robot: a text message to the group's webhook, @-mentioning the contacts by mobile.
import type { Channel } from "./channel";
import { postToRobot } from "./robot-http";

/** -1 系统繁忙, 45009 接口调用超过限制 (20 a minute per robot). */
const RETRYABLE = new Set([-1, 45009]);

export function wecomChannel(webhook: string): Channel {
  return {
    kind: "wecom",
    to: "企业微信群机器人",
    // The robot refuses text over 2048 bytes.
    maxBytes: 2048,
    send: (message, signal) =>
      postToRobot(webhook, { msgtype: "text", text: { content: message.text, mentioned_mobile_list: message.mobiles } }, signal, RETRYABLE),
  };
}
