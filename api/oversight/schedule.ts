// The daily digest's schedule: locally croner runs it inside the API process; on AWS an EventBridge Scheduler
// schedule invokes the function with DIGEST_EVENT (infra/constructs/notifications.ts).
import { Cron } from "croner";
import { runDailyDigest, type DigestDeps, type DigestRun } from "./digest";
import { DIGEST_TIME, DIGEST_TIMEZONE } from "./digest-time";

export { DIGEST_SCHEDULE_TEXT } from "./digest-time";
/** croner's pattern (minute hour day month weekday). */
export const DIGEST_CRON = `${DIGEST_TIME.minute} ${DIGEST_TIME.hour} * * *`;

export interface LocalSchedule {
  stop(): void;
  /** When it fires next (for the start-up message). */
  next(): Date | null;
}

/** The digest in this process on `pattern` (tests pass a seconds pattern); runs never overlap, failures are logged. */
export function scheduleDigest(deps: DigestDeps, options: { pattern?: string; onRun?: (run: DigestRun) => void } = {}): LocalSchedule {
  const job = new Cron(options.pattern ?? DIGEST_CRON, { timezone: DIGEST_TIMEZONE, protect: true, catch: (error) => console.error("[digest] run failed:", error) }, async () => {
    const run = await runDailyDigest(deps);
    options.onRun?.(run);
  });
  return { stop: () => job.stop(), next: () => job.nextRun() };
}
