// Every send goes through here: each attempt within a time limit, a bounded number of attempts with a pause
// between them, and only for failures worth repeating. The caller records the outcome, whatever it is.
import type { Attempt, Channel, Outgoing } from "./channel";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  timeoutMs: number;
  /** Pause before the 2nd, 3rd … attempt. */
  pausesMs: number[];
}

/** Three tries within about 20 s, inside the API's 29 s even for the slowest answer. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, timeoutMs: 5_000, pausesMs: [1_000, 3_000] };

export interface Outcome extends Attempt {
  attempts: number;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function deliver(channel: Channel, message: Outgoing, policy: RetryPolicy = DEFAULT_RETRY): Promise<Outcome> {
  let last: Attempt = { ok: false, retryable: false, answer: "未发送" };
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) await pause(policy.pausesMs[attempt - 2] ?? policy.pausesMs.at(-1) ?? 0);
    try {
      last = await channel.send(message, AbortSignal.timeout(policy.timeoutMs));
    } catch (error) {
      // A channel answers rather than throws; anything thrown is a fault on our side, reported like a failure.
      last = { ok: false, retryable: false, answer: `发送出错：${error instanceof Error ? error.message : String(error)}` };
    }
    if (last.ok || !last.retryable) return { ...last, attempts: attempt };
  }
  return { ...last, attempts: policy.attempts };
}
