// When the daily digest runs: 8:30 in Beijing every day (the job itself does nothing on a day off, so 调休
// Saturdays get their digest and holidays none). Locally croner runs it inside the API process; on AWS an
// EventBridge Scheduler schedule invokes the function with DIGEST_EVENT (infra/constructs/digest-schedule.ts).
import { Cron } from "croner";
import { runDailyDigest, type DigestDeps, type DigestRun } from "./digest";

export const DIGEST_TIME = { hour: 8, minute: 30 };
export const DIGEST_TIMEZONE = "Asia/Shanghai";
export const DIGEST_SCHEDULE_TEXT = `每个工作日 ${DIGEST_TIME.hour}:${String(DIGEST_TIME.minute).padStart(2, "0")}（北京时间）`;
/** croner's pattern (minute hour day month weekday). */
export const DIGEST_CRON = `${DIGEST_TIME.minute} ${DIGEST_TIME.hour} * * *`;

/** The payload the AWS schedule invokes the function with; an HTTP request can never look like it. */
export const DIGEST_EVENT = { taizhang: "daily-digest" } as const;

export function isDigestEvent(event: unknown): boolean {
  return typeof event === "object" && event !== null && (event as Record<string, unknown>).taizhang === DIGEST_EVENT.taizhang;
}

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
