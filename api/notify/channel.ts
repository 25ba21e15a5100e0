// One interface for every way a reminder leaves the building: a group robot (企业微信, 钉钉) or e-mail. A channel
// makes one attempt and says what the other side answered; retrying, timing out and recording are done once,
// in deliver.ts and send.ts, for all of them.
import type { ChannelKind } from "../../core/oversight/schema";

export interface Outgoing {
  subject: string;
  text: string;
  /** Robots @-mention these people. */
  mobiles: string[];
  /** Mail goes to these. */
  emails: string[];
}

/** One attempt's outcome, with the other side's answer in its own words (code and message). */
export interface Attempt {
  ok: boolean;
  /** Worth trying again: the other side was busy, down or slow, not refusing what we sent. */
  retryable: boolean;
  answer: string;
}

export interface Channel {
  kind: ChannelKind;
  /** Where it goes, for the record (the group, never its key). */
  to: string;
  /** The most UTF-8 bytes one message may carry; longer text is sent in parts. */
  maxBytes: number;
  send(message: Outgoing, signal: AbortSignal): Promise<Attempt>;
}

/** The answer kept in the record: enough to read what went wrong, never a whole page. */
export function shortAnswer(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
