import type { IsoDate } from "../schema-kit";

// Plain calendar arithmetic on "YYYY-MM-DD", done in UTC so that the host's time zone (a clerk's laptop in
// Beijing, a Lambda in UTC, a test runner anywhere) can never shift a date by one day.

const DAY_MS = 86_400_000;

function toUtc(date: IsoDate): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" for a year, month (1–12) and day; the caller passes a real day. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The date `n` calendar days after `date` (before it when n is negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromUtc(toUtc(date) + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** 28–31: the day 月底 means in that month. */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
