// Columns the office adds to 汇总台账 itself (跟进人, 督办意见…) survive a refresh: each row's notes are kept under
// the row's identity, its unit and its task's number and place among the unit's rows of that number ("7", then
// "7" again for a further row), the same identity core/ledger/row-key.ts gives a unit's rows. Rows the units
// insert or delete elsewhere do not move the notes onto other rows.
import { unitKey } from "../plan/unit-directory";
import type { SheetCell } from "./sheets";

/** Walks rows in sheet order (a unit's rows are contiguous) and names each one. */
export function rowIdentities(): (unit: string, no: string) => string {
  let current: string | undefined;
  let seen = new Map<string, number>();
  return (unit, no) => {
    const key = unitKey(unit);
    if (key !== current) {
      current = key;
      seen = new Map();
    }
    const n = seen.get(no.trim()) ?? 0;
    seen.set(no.trim(), n + 1);
    return `${key}\u0001${no.trim()}\u0001${n}`;
  };
}

/** Where the office's own columns are in a 汇总台账 as it was. */
export interface OfficeColumns {
  /** 0-based, in the rows given to findOfficeColumns. */
  headerRow: number;
  unitColumn: number;
  noColumn: number;
  /** The office's columns (0-based) and their headers, in sheet order. */
  columns: number[];
  headers: string[];
}

const text = (v: SheetCell | boolean | undefined) => String(v ?? "").trim();

/**
 * The header row among a sheet's first rows, and its columns whose header Taizhang does not write (`ours`):
 * those are the office's. Undefined when the sheet has none.
 */
export function findOfficeColumns(top: readonly (readonly (SheetCell | boolean)[])[], ours: readonly string[]): OfficeColumns | undefined {
  const headerRow = top.findIndex((r) => r.some((c) => text(c) === "单位") && r.some((c) => text(c) === "序号"));
  if (headerRow < 0) return undefined;
  const header = top[headerRow]!.map(text);
  const own = new Set(ours);
  const columns = header.flatMap((h, i) => (h && !own.has(h) ? [i] : []));
  if (columns.length === 0) return undefined;
  return { headerRow, unitColumn: header.indexOf("单位"), noColumn: header.indexOf("序号"), columns, headers: columns.map((c) => header[c]!) };
}

/** Each row's notes by identity, from rows read as [单位, 序号, ...the office's cells]; rows left blank are skipped. */
export function officeNotes(rows: readonly (readonly (SheetCell | boolean)[])[]): Map<string, SheetCell[]> {
  const identity = rowIdentities();
  const notes = new Map<string, SheetCell[]>();
  for (const [unit, no, ...cells] of rows) {
    if (!text(unit)) continue;
    const id = identity(text(unit), text(no));
    if (cells.some((c) => text(c) !== "")) notes.set(id, cells.map((c) => (typeof c === "boolean" ? String(c) : c ?? "")));
  }
  return notes;
}
