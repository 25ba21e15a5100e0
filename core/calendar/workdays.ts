import type { IsoDate } from "../schema-kit";
import { addDays, dayOfWeek } from "./dates";
// The package's own isWorkday reads dates in the host's time zone (west of UTC it answers for the previous
// day), so we use only its data, the State Council's yearly 放假/调休 notices, and do the arithmetic in UTC.
import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };

const holidays: Readonly<Record<string, string>> = chineseDays.holidays;
const makeUpWorkdays: Readonly<Record<string, string>> = chineseDays.workdays;

// Every year the State Council publishes has 元旦 and 春节 off, so a year with no holiday is a year not published yet.
const coveredYears = new Set(Object.keys(holidays).map((date) => Number(date.slice(0, 4))));

/** True when the statutory holiday and 调休 arrangement of `year` is known; otherwise weekdays stand in for workdays. */
export function calendarCovers(year: number): boolean {
  return coveredYears.has(year);
}

/** The sentence to show next to any working-day date of an uncovered year; undefined when the year is covered. */
export function calendarNotice(year: number): string | undefined {
  if (calendarCovers(year)) return undefined;
  return `尚未收录${year}年的法定节假日和调休安排，该年的工作日暂按周一至周五计算，请人工核对节假日前后的日期。`;
}

/** A working day on the Chinese statutory calendar: Monday–Friday unless a holiday, plus 调休 make-up days. */
export function isWorkday(date: IsoDate): boolean {
  if (makeUpWorkdays[date] !== undefined) return true;
  if (holidays[date] !== undefined) return false;
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The n-th working day after `date`, counting from the next day as 「之日起N个工作日内」 is read
 * (n = 0 gives `date` itself).
 */
export function addWorkdays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数应为非负整数，收到 ${n}`);
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkday(day)) left--;
  }
  return day;
}
