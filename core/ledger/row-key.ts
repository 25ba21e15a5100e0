import type { LedgerRow } from "./schema";

/**
 * A stable identity for each row: the task id, and for the further rows a unit added under the same task, their
 * place among that task's rows ("7", "7#1", "7#2"). Diffs and merges pair rows by this key, not by position,
 * so inserting a row above does not make every row below look changed.
 */
export function rowKeys(rows: readonly Pick<LedgerRow, "taskId">[]): string[] {
  const seen = new Map<string, number>();
  return rows.map(({ taskId }) => {
    const n = seen.get(taskId) ?? 0;
    seen.set(taskId, n + 1);
    return n === 0 ? taskId : `${taskId}#${n}`;
  });
}
