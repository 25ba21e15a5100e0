// Pure helpers between typed values and Excel cells: addresses, date serials, payload-sized chunks.
// No Office.js here, so they are tested without a workbook.
import { escapeFormulaText } from "../../core/sheet/escape";
import { columnLetter } from "../../core/sheet/grid";

/** What Range.values holds for one cell. */
export type CellValue = string | number | boolean;

export { columnLetter };

/** A1 address of a block; rows are 1-based sheet rows, columns 0-based indexes. */
export function blockAddress(row: number, column: number, rows = 1, columns = 1): string {
  const start = `${columnLetter(column)}${row}`;
  return rows === 1 && columns === 1 ? start : `${start}:${columnLetter(column + columns - 1)}${row + rows - 1}`;
}

/** "台账 2", "B3:C4" → "'台账 2'!B3:C4": Excel quotes sheet names that are not plain words. */
export function sheetAddress(sheet: string, range: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(sheet) ? `${sheet}!${range}` : `'${sheet.replace(/'/g, "''")}'!${range}`;
}

/** "'台账 (2)'!B3:C4" → { sheet: "台账 (2)", range: "B3:C4" }. */
export function splitAddress(address: string): { sheet: string; range: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: "", range: address };
  const sheet = address.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
  return { sheet, range: address.slice(bang + 1) };
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** "2025-06-30" → 45838, the serial Excel stores for that date (1900 date system). */
export function isoToSerial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH_MS) / DAY_MS);
}

/** 45838 → "2025-06-30"; the time of day, if any, is dropped. */
export function serialToIso(serial: number): string {
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** A number format that shows a date (yyyy-mm-dd, m/d/yyyy, yyyy"年"m"月"d"日" …), not a time or a number. */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[yd]/i.test(bare) || /[年月日]/.test(format);
}

/** Text as it must go into a cell so it stays text; numbers and booleans pass through. */
export function cellText(value: string | undefined | null): string {
  return escapeFormulaText(value ?? "");
}

/**
 * Splits rows into runs whose JSON stays under `maxBytes`. Excel on the web refuses requests over 5 MB, so a
 * write is cut by payload, not by row count: any sheet a unit really keeps is one chunk, one sync.
 */
export function chunkByPayload<T>(rows: readonly T[], maxBytes = 4 * 1024 * 1024): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const row of rows) {
    const bytes = new TextEncoder().encode(JSON.stringify(row)).length + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks;
}
