// A stale sync against the server's newer rows, judged against the version both started from: each row that
// differs is offered with the side that really changed it preselected, so resolving a conflict never reverts the
// other clerk's work by default.
import { LEDGER_COLUMNS } from "../sheet/columns";
import { rowKeys } from "./row-key";
import type { LedgerRow } from "./schema";

export type Side = "mine" | "theirs";
/** Who changed a row since the common version; "unknown" when that version is not at hand. */
export type ChangedBy = Side | "both" | "unknown";

export interface RowConflict {
  key: string;
  mine?: LedgerRow;
  theirs?: LedgerRow;
  /** The columns whose values differ (just "task" when one side has no such row). */
  fields: string[];
  changedBy: ChangedBy;
}

const FIELDS = LEDGER_COLUMNS.map((c) => c.field);

const byKey = (rows: readonly LedgerRow[]) => new Map(rowKeys(rows).map((k, i) => [k, rows[i]!]));
const cell = (row: LedgerRow | undefined, field: string) => (row ? String((row as Record<string, unknown>)[field] ?? "") : undefined);
const differs = (a: LedgerRow | undefined, b: LedgerRow | undefined) => FIELDS.some((f) => cell(a, f) !== cell(b, f));

function changedBy(base: Map<string, LedgerRow> | undefined, key: string, mine?: LedgerRow, theirs?: LedgerRow): ChangedBy {
  if (!base) return "unknown";
  const original = base.get(key);
  const mineChanged = differs(original, mine), theirsChanged = differs(original, theirs);
  if (mineChanged && !theirsChanged) return "mine";
  if (theirsChanged && !mineChanged) return "theirs";
  return "both";
}

/**
 * Rows paired by task (rowKeys), only those that differ; equal rows need no choice. `base` is the version the
 * clerk's sheet was synced at, when it could be read.
 */
export function rowConflicts(mine: readonly LedgerRow[], theirs: readonly LedgerRow[], base?: readonly LedgerRow[]): RowConflict[] {
  const mineByKey = byKey(mine), theirsByKey = byKey(theirs);
  const baseByKey = base && byKey(base);
  const keys = [...new Set([...mineByKey.keys(), ...theirsByKey.keys()])];
  return keys.flatMap((key) => {
    const a = mineByKey.get(key), b = theirsByKey.get(key);
    if (!differs(a, b)) return [];
    const fields = a && b ? FIELDS.filter((f) => cell(a, f) !== cell(b, f)) : ["task"];
    return [{ key, mine: a, theirs: b, fields, changedBy: changedBy(baseByKey, key, a, b) }];
  });
}

/** The side offered first: the server's only where nothing but the server changed the row. */
export const preselectedSide = (conflict: RowConflict): Side => (conflict.changedBy === "theirs" ? "theirs" : "mine");

/** The rows to send after the clerk chose: the sheet's order, each differing row from the chosen side. */
export function resolveRows(mine: readonly LedgerRow[], theirs: readonly LedgerRow[], choice: ReadonlyMap<string, Side>): LedgerRow[] {
  const mineKeys = rowKeys(mine), theirKeys = rowKeys(theirs);
  const theirsByKey = new Map(theirKeys.map((k, i) => [k, theirs[i]!]));
  const mineKeySet = new Set(mineKeys);
  const rows: LedgerRow[] = [];
  mineKeys.forEach((key, i) => {
    if (choice.get(key) !== "theirs") rows.push(mine[i]!);
    else if (theirsByKey.has(key)) rows.push(theirsByKey.get(key)!);
  });
  theirKeys.forEach((key, i) => {
    if (!mineKeySet.has(key) && choice.get(key) === "theirs") rows.push(theirs[i]!);
  });
  return rows;
}
