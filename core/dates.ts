import { isoDate } from "./calendar";
import { IsoDate } from "./schema-kit";

// Dates reach us from cells in every shape a clerk or a spreadsheet produces: Excel serial numbers (Office.js
// Range.values), Date objects (exceljs), and text typed by hand in the ways people write dates in China.

export type CellDate =
  /** The cell is empty (date undefined) or holds a readable date. */
  | { ok: true; date: IsoDate | undefined }
  | { ok: false };

// Excel's 1900 date system: serial 1 is 1900-01-01, and day 60 is the 1900-02-29 that never was, so from
// serial 61 on the epoch is 1899-12-30. Serials beyond 9999-12-31 are not dates.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const MAX_SERIAL = 2_958_465;

const FULL = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)$/;
const MONTH_DAY = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
// exceljs and JSON give "2022-05-31T00:00:00.000Z"; the day is what counts.
const ISO_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$/;

function real(year: number, month: number, day: number): CellDate {
  const date = isoDate(year, month, day);
  return IsoDate.safeParse(date).success ? { ok: true, date } : { ok: false };
}

function fromSerial(serial: number): CellDate {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL + 1) return { ok: false };
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
  const monthDay = MONTH_DAY.exec(text);
  if (monthDay) return real(year, Number(monthDay[1]), Number(monthDay[2]));
  return { ok: false };
}

/**
 * Reads a date cell: Excel serial numbers, Date objects, and the text forms 2022-05-31, 2022/5/31, 2022.5.31,
 * 2022年5月31日 and 5月31日 (taken in `year`, the plan's year). Empty cells are ok with no date; anything
 * else that is not a real day is `{ ok: false }`.
 */
export function readCellDate(value: unknown, year: number): CellDate {
  if (value === null || value === undefined) return { ok: true, date: undefined };
  if (typeof value === "number") return fromSerial(value);
  if (value instanceof Date) return fromDate(value);
  if (typeof value === "string") return fromText(value, year);
  return { ok: false };
}
