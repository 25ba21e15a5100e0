// 使用当前表: bind the clerk's own sheet as core read it (and the clerk corrected it), and write nothing but the
// columns the clerk asked to add (core/sheet/adoption.ts), to the right of everything on the sheet.
import { LEDGER_STATUSES } from "../../core/ledger/schema";
import { columnOf, type LedgerField } from "../../core/sheet/columns";
import type { ColumnForms } from "../../core/sheet/ledger-sheet";
import type { CellWrite } from "../../core/sheet/reconcile";
import { queueCellWrites } from "./apply-rows";
import type { Plan } from "../../core/plan/schema";
import { queueBindingWrite, queuePlanWrite, type ColumnLayout, type WorkbookBinding } from "./binding";
import { run } from "./run";
import { blockAddress } from "./cells";
import { NUMBER_FORMAT } from "./ledger-cells";

export interface Adoption {
  /** The plan the sheet is read by, kept with the workbook. */
  plan: Plan;
  unit: string;
  /** The server's ledger version the sheet now stands for; 0 when the unit never synced. */
  version?: number;
  sheet: string;
  /** 1-based first and last header rows; data starts below `headerRow`. */
  headerTop: number;
  headerRow: number;
  /** 0-based column of each field, the added ones included, and the header each had. */
  columns: ColumnLayout;
  labels: Partial<Record<LedgerField, string>>;
  forms: ColumnForms;
  /** Columns added at the clerk's request, and what goes into them (0-based rows and columns). */
  added: ReadonlyArray<{ field: LedgerField; column: number }>;
  writes: readonly CellWrite[];
  /** 1-based last data row, down to which an added column gets its format (and a status column its drop-down). */
  lastRow: number;
}

/** One sync: the added columns' formats, drop-down and cells, and the binding. */
export async function adoptSheet(adoption: Adoption): Promise<WorkbookBinding> {
  const binding: WorkbookBinding = {
    planId: adoption.plan.id,
    unit: adoption.unit,
    version: adoption.version ?? 0,
    planVersion: adoption.plan.version ?? 0,
    sheet: adoption.sheet,
    headerRow: adoption.headerRow,
    ...(adoption.headerTop !== adoption.headerRow ? { headerTop: adoption.headerTop } : {}),
    columns: adoption.columns,
    labels: adoption.labels,
    ...(adoption.forms.status === "yesNo" ? { forms: { status: "yesNo" as const } } : {}),
  };
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(adoption.sheet);
    const body = adoption.lastRow - adoption.headerRow;
    for (const { field, column } of adoption.added) {
      if (body <= 0) continue;
      // Formats before values: a new 序号 column must be text before "1.10" arrives.
      const cells = sheet.getRange(blockAddress(adoption.headerRow + 1, column, body, 1));
      cells.numberFormat = Array.from({ length: body }, () => [NUMBER_FORMAT[columnOf(field).kind]]);
      if (field === "status") {
        cells.dataValidation.clear();
        cells.dataValidation.rule = { list: { inCellDropDown: true, source: LEDGER_STATUSES.join(",") } };
      }
    }
    queueCellWrites(sheet, binding, adoption.writes);
    // Excel does not switch to the sheet the pane now works on; the clerk may be looking at a 填表说明.
    sheet.activate();
    queueBindingWrite(context, binding);
    queuePlanWrite(context, adoption.plan);
    await context.sync();
    return binding;
  });
}
