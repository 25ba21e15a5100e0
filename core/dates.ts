import { isoDate } from "./calendar";
import { IsoDate } from "./schema-kit";

// Dates reach us from cells in every shape a clerk or a spreadsheet produces: Excel serial numbers (Office.js
// Range.values), Date objects (exceljs), and text typed by hand in the ways people write dates in China.

export type CellDate =
  /**
   * The cell is empty (date undefined) or holds a readable date. `guessed`: a number such as 6.3 that Excel kept
   * from a typed "6.3" or "6.30" alike, read as the first (6月3日); the caller says so.
   */
  | { ok: true; date: IsoDate | undefined; guessed?: { as: string; or: string } }
  | { ok: false };

// Excel's 1900 date system: serial 1 is 1900-01-01, and day 60 is the 1900-02-29 that never was, so from
// serial 61 on the epoch is 1899-12-30. Serials beyond 9999-12-31 are not dates.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const MAX_SERIAL = 2_958_465;

const FULL = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// 7月1日, 7月1号, and the shorthand 7.1, 7/1, 7-1: the month and day of the plan's year.
const MONTH_DAY = /^(\d{1,2})\s*(?:月\s*(\d{1,2})\s*[日号]?|[./-]\s*(\d{1,2}))$/;
// exceljs and JSON give "2022-05-31T00:00:00.000Z"; the day is what counts.
const ISO_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$/;

function real(year: number, month: number, day: number): CellDate {
  const date = isoDate(year, month, day);
  return IsoDate.safeParse(date).success ? { ok: true, date } : { ok: false };
}

/** Serials below this are days of 1900: no 台账 date, but what Excel makes of a typed "7" or "6.3". */
const FIRST_REAL_SERIAL = 367;

/**
 * A number Excel made of a typed "6.3" or "7.15" (a general cell takes it for a decimal): month and day in
 * `year`. "6.30" arrives as 6.3 too, so a one-digit day of 1–3 is a guess the caller reports.
 */
function fromDecimal(value: number, year: number): CellDate {
  const match = /^(\d{1,2})\.(\d{1,2})$/.exec(String(value));
  if (!match) return { ok: false };
  const [month, day] = [Number(match[1]), match[2]!];
  const read = real(year, month, Number(day));
  if (!read.ok || day.length > 1 || Number(day) > 3) return read;
  const other = real(year, month, Number(day) * 10);
  return other.ok && other.date ? { ...read, guessed: { as: `${month}月${day}日`, or: `${month}月${Number(day) * 10}日` } } : read;
}

function fromSerial(serial: number, year: number): CellDate {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL + 1) return { ok: false };
  if (serial < 13 && !Number.isInteger(serial)) return fromDecimal(serial, year);
  if (serial < FIRST_REAL_SERIAL) return { ok: false };
  const whole = Math.floor(serial);
  const ms = whole < 61 ? EXCEL_EPOCH_MS + (whole + 1) * DAY_MS : EXCEL_EPOCH_MS + whole * DAY_MS;
  return { ok: true, date: new Date(ms).toISOString().slice(0, 10) };
}

/**
 * A Date means a calendar day. exceljs gives UTC midnight; a Date built in a clerk's local zone is a few hours
 * off it, so we take the nearest UTC midnight, which is right for any zone within ±12 hours.
 */
function fromDate(value: Date): CellDate {
  const ms = value.getTime();
  if (Number.isNaN(ms)) return { ok: false };
  const day = new Date(Math.round(ms / DAY_MS) * DAY_MS);
  const year = day.getUTCFullYear();
  if (year < 1 || year > 9999) return { ok: false };
  return { ok: true, date: day.toISOString().slice(0, 10) };
}

function fromText(raw: string, year: number): CellDate {
  const text = raw.normalize("NFKC").trim();
  if (text === "") return { ok: true, date: undefined };
  const stamp = ISO_TIMESTAMP.exec(text);
  if (stamp) return real(...(stamp[1]!.split("-").map(Number) as [number, number, number]));
  const full = FULL.exec(text);
  if (full) {
    const [, y, m1, d1, m2, d2] = full;
    return real(Number(y), Number(m1 ?? m2), Number(d1 ?? d2));
  }
  const compact = COMPACT.exec(text);
  if (compact) return real(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const monthDay = MONTH_DAY.exec(text);
  if (monthDay) return real(year, Number(monthDay[1]), Number(monthDay[2] ?? monthDay[3]));
  return { ok: false };
}

/**
 * Reads a date cell: Excel serial numbers, Date objects, and the text forms 2022-05-31, 2022/5/31, 2022.5.31,
 * 2022年5月31日, 20220531, 2022-05-31 10:00, and without a year (taken in `year`, the plan's year) 5月31日, 5.31,
 * 5/31 — and the number Excel keeps for a typed 5.31. Empty cells are ok with no date; anything else that is not
 * a real day is `{ ok: false }`. Not read: 二〇二二年五月三十一日 (no office types it in a cell), 5月底 or 上旬
 * (a period, not the day something was done), two-digit years (22.5.31 could be 2022 or a typo).
 */
export function readCellDate(value: unknown, year: number): CellDate {
  if (value === null || value === undefined) return { ok: true, date: undefined };
  if (typeof value === "number") return fromSerial(value, year);
  if (value instanceof Date) return fromDate(value);
  if (typeof value === "string") return fromText(value, year);
  return { ok: false };
}

/** "6月3日 10:20": an instant as people in China read it, whatever zone the computer is in. */
export function chinaTime(instant: string): string {
  const t = new Date(new Date(instant).getTime() + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}
