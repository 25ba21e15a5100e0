// When the daily digest runs, shared by the local schedule (croner) and the AWS one (EventBridge Scheduler): 8:30
// in Beijing every day; the job itself does nothing on a day off, so 调休 Saturdays get their digest and holidays
// none.
export const DIGEST_TIME = { hour: 8, minute: 30 } as const;
export const DIGEST_TIMEZONE = "Asia/Shanghai";
export const DIGEST_SCHEDULE_TEXT = `每个工作日 ${DIGEST_TIME.hour}:${String(DIGEST_TIME.minute).padStart(2, "0")}（北京时间）`;

/** The payload the AWS schedule invokes the function with; an HTTP request can never look like it. */
export const DIGEST_EVENT = { taizhang: "daily-digest" } as const;

export function isDigestEvent(event: unknown): boolean {
  return typeof event === "object" && event !== null && (event as Record<string, unknown>).taizhang === DIGEST_EVENT.taizhang;
}
