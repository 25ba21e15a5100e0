// Sends reminders to units through the chosen channels and records every delivery, sent or failed, with the
// channel's answer. Robots get one message to the group (split only where the robot's size limit demands),
// mentioning the units' contacts; mail goes to each unit's own contacts.
import type { Contact, Delivery } from "../../core/oversight/schema";
import type { Channel, Outgoing } from "./channel";
import { deliver, DEFAULT_RETRY, type RetryPolicy } from "./deliver";

export interface UnitMessage {
  unit: string;
  text: string;
  contacts: readonly Contact[];
}

export interface SendContext {
  planId: string;
  planTitle: string;
  kind: Delivery["kind"];
  /** The sender's name, or 定时任务. */
  by: string;
  now: () => string;
  record(delivery: Omit<Delivery, "id">): Promise<Delivery>;
  policy?: RetryPolicy;
  retryOf?: string;
}

interface Part {
  units: string[];
  text: string;
  mobiles: string[];
}

const bytes = (text: string) => new TextEncoder().encode(text).byteLength;
/** "@13800000000 " as 钉钉 appends it; 企业微信 sends mobiles apart, so this only errs on the safe side. */
const MENTION_BYTES = 13;
const SEPARATOR = "\n\n";

/** Cuts text into pieces of at most `max` bytes, at line ends where it can, never inside a character. */
function cut(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const char of text) {
    if (bytes(current + char) > max) {
      const lineEnd = current.lastIndexOf("\n");
      if (lineEnd > current.length / 2) {
        pieces.push(current.slice(0, lineEnd));
        current = current.slice(lineEnd + 1);
      } else {
        pieces.push(current);
        current = "";
      }
    }
    current += char;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Units' messages packed into as few robot messages as the size limit allows, in order. */
export function pack(items: readonly Part[], maxBytes: number): Part[] {
  const parts: Part[] = [];
  let current: Part | undefined;
  const size = (p: Part) => bytes(p.text) + MENTION_BYTES * p.mobiles.length;
  for (const item of items) {
    const joined: Part | undefined = current && { units: [...current.units, ...item.units], text: `${current.text}${SEPARATOR}${item.text}`, mobiles: [...current.mobiles, ...item.mobiles] };
    if (joined && size(joined) <= maxBytes) {
      current = joined;
      continue;
    }
    if (current) parts.push(current);
    if (size(item) <= maxBytes) {
      current = item;
      continue;
    }
    // One unit's message alone is too long for the robot: its pieces go one after another, the last mentioning.
    const pieces = cut(item.text, maxBytes - MENTION_BYTES * item.mobiles.length);
    pieces.slice(0, -1).forEach((text) => parts.push({ units: item.units, text, mobiles: [] }));
    current = { units: item.units, text: pieces.at(-1) ?? "", mobiles: item.mobiles };
  }
  if (current) parts.push(current);
  return parts;
}

const mobilesOf = (contacts: readonly Contact[]) => contacts.flatMap((c) => (c.mobile ? [c.mobile] : []));
const emailsOf = (contacts: readonly Contact[]) => contacts.flatMap((c) => (c.email ? [c.email] : []));

/**
 * Sends and records. With `groupText`, the robots post that one text (the digest) mentioning every unit's
 * contacts, while mail still takes each unit its own message.
 */
export async function sendToUnits(channels: readonly Channel[], messages: readonly UnitMessage[], ctx: SendContext, groupText?: string): Promise<Delivery[]> {
  const subject = `【${ctx.kind}】${ctx.planTitle}`;
  const record = async (channel: Channel, units: string[], to: string, message: Outgoing) => {
    const outcome = await deliver(channel, message, ctx.policy ?? DEFAULT_RETRY);
    if (!outcome.ok) console.error(`[notify] ${channel.kind} to ${units.join(",")} failed after ${outcome.attempts} attempt(s): ${outcome.answer}`);
    return ctx.record({
      planId: ctx.planId,
      kind: ctx.kind,
      at: ctx.now(),
      by: ctx.by,
      channel: channel.kind,
      units,
      to,
      status: outcome.ok ? "已送达" : "失败",
      attempts: outcome.attempts,
      answer: outcome.answer,
      text: message.text,
      ...(ctx.retryOf ? { retryOf: ctx.retryOf } : {}),
    });
  };

  const runs = channels.map(async (channel) => {
    const delivered: Delivery[] = [];
    if (channel.kind === "mail") {
      // One unit at a time keeps a slow mail server from holding many connections; SES answers in milliseconds.
      for (const m of messages) {
        const emails = emailsOf(m.contacts);
        delivered.push(await record(channel, [m.unit], emails.join("、") || "（未登记邮箱）", { subject, text: m.text, mobiles: [], emails }));
      }
      return delivered;
    }
    const items: Part[] = groupText
      ? [{ units: messages.map((m) => m.unit), text: groupText, mobiles: messages.flatMap((m) => mobilesOf(m.contacts)) }]
      : messages.map((m) => ({ units: [m.unit], text: m.text, mobiles: mobilesOf(m.contacts) }));
    // In order, one after another: a robot takes 20 messages a minute.
    for (const part of pack(items, channel.maxBytes)) delivered.push(await record(channel, part.units, channel.to, { subject, text: part.text, mobiles: part.mobiles, emails: [] }));
    return delivered;
  });
  return (await Promise.all(runs)).flat();
}
