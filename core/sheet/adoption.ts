// 使用当前表: what adopting a unit's own sheet binds and writes. Nothing is written unless the clerk asked for a
// missing column; then it goes to the right of everything on the sheet (no column moves), its header in the
// header's last row, and what the plan already knows filled in: the 序号 of each matched row, the plan's 时限要求.
import { deadlineText } from "../ledger/deadline-words";
import type { Plan } from "../plan/schema";
import { validationContext } from "../validate/context";
import { headerOf, type LedgerField } from "./columns";
import { escapeFormulaText } from "./escape";
import type { ColumnForms } from "./ledger-sheet";
import { columnsOf, labelsOf, type SheetReading } from "./read-sheet";
import type { CellWrite } from "./reconcile";

export interface SheetAdoption {
  /** 0-based header rows and the final layout, the added columns included. */
  headerTop: number;
  headerRow: number;
  columns: Partial<Record<LedgerField, number>>;
  /** Each field's header, the added columns' included: a column later moved is found again by it. */
  labels: Partial<Record<LedgerField, string>>;
  forms: ColumnForms;
  /** The columns added at the clerk's request, in order. */
  added: Array<{ field: LedgerField; column: number }>;
  /** Their header cells and filled-in values; empty when nothing was added. */
  writes: CellWrite[];
  /** 0-based rows the added columns reach down to (the last data row), for their formats and drop-down. */
  lastRow: number;
}

/**
 * The adoption of `reading`, adding `add` (fields the sheet lacks) after column `width - 1`, the sheet's last
 * used column.
 */
export function sheetAdoption(reading: SheetReading, plan: Plan, unit: string, add: readonly LedgerField[], width: number): SheetAdoption {
  const columns = columnsOf(reading);
  const labels = labelsOf(reading);
  const added: SheetAdoption["added"] = [];
  const writes: CellWrite[] = [];
  let next = Math.max(width, ...reading.columns.map((c) => c.index + 1));
  const ctx = validationContext(plan, unit);
  for (const field of add) {
    if (columns[field] !== undefined) continue;
    const column = next++;
    columns[field] = column;
    labels[field] = headerOf(field);
    added.push({ field, column });
    writes.push({ row: reading.headerRow, column, cell: { kind: "text", text: headerOf(field) } });
    reading.matches.forEach((match, i) => {
      const task = match.taskId ? ctx.taskById.get(match.taskId) : undefined;
      if (!task) return;
      const row = reading.rowNumbers[i]!;
      const further = match.how === "continuation";
      if (field === "no") writes.push({ row, column, cell: { kind: "text", text: escapeFormulaText(further ? `${task.no}（续）` : task.no) } });
      if (field === "deadline" && !further && deadlineText(task)) writes.push({ row, column, cell: { kind: "text", text: escapeFormulaText(deadlineText(task)) } });
    });
  }
  return {
    headerTop: reading.headerTop,
    headerRow: reading.headerRow,
    columns,
    labels,
    forms: { status: reading.shape.statusForm ?? "words" },
    added,
    writes,
    lastRow: Math.max(reading.headerRow, ...reading.rowNumbers),
  };
}
