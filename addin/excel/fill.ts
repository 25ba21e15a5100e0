// 统一填写: one 责任科室 (or 分管领导) for every row that has none yet, as a new 台账 has on each of its rows. Only blank
// cells of task rows are written (a further row of a task, 3（续）, may stay blank); a merged cell counts as
// filled for every row it covers, so nothing is written into a merged area.
import type { Plan } from "../../core/plan/schema";
import { escapeFormulaText } from "../../core/sheet/escape";
import { headerOf } from "../../core/sheet/columns";
import { readBoundSheet } from "../../core/sheet/read-sheet";
import type { CellWrite } from "../../core/sheet/reconcile";
import { cellText as textOf } from "../../core/validate/read-row";
import { queueCellWrites } from "./apply-rows";
import { requireBinding } from "./binding";
import { SheetProblem, run } from "./run";
import { gridCells, loadGridIn } from "./sheet-grid";

export type FillableField = "office" | "leader";

/** The blank cells of `field` a fill would write: 0-based sheet rows, and the column. */
export function blankCells(reading: ReturnType<typeof readBoundSheet>, field: FillableField): { column: number; rows: number[] } | undefined {
  const column = reading.columns.find((c) => c.field === field)?.index;
  if (column === undefined) return undefined;
  const rows = reading.rows.flatMap((input, i) =>
    reading.matches[i]?.how !== "continuation" && !textOf(input[field]) ? [reading.rowNumbers[i]!] : []);
  return { column, rows };
}

/** Writes `value` into every blank `field` cell of a task row; how many it wrote. Three syncs whatever the count. */
export async function fillBlanks(plan: Plan, unit: string, field: FillableField, value: string): Promise<number> {
  return run(async (context) => {
    const binding = await requireBinding(context);
    const grid = await loadGridIn(context, binding.sheet);
    if (!grid) throw new SheetProblem(`找不到台账工作表「${binding.sheet}」：它可能被改名或删除了，请重新使用当前表`);
    const blanks = blankCells(readBoundSheet(gridCells(grid), plan, unit, binding), field);
    if (!blanks) throw new SheetProblem(`台账没有「${headerOf(field)}」列，请先补上这一列。`);
    const cell = { kind: "text" as const, text: escapeFormulaText(value) };
    const writes: CellWrite[] = blanks.rows.map((row) => ({ row, column: blanks.column, cell }));
    queueCellWrites(context.workbook.worksheets.getItem(binding.sheet), binding, writes);
    await context.sync();
    return writes.length;
  });
}
