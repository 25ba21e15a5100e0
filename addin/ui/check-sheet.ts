// 检查 in the pane is core's own check (the API runs the same one on every sync), with messages that name the
// sheet's real row numbers and its own column names, so "第5行「办结日期」" is the cell the clerk sees in Excel.
import { chinaDate } from "../../core/merge/consolidate";
import type { Plan } from "../../core/plan/schema";
import { headerOf } from "../../core/sheet/columns";
import { checkLedger, type LedgerCheck } from "../../core/validate/validate";
import type { SheetRows } from "./workbook-port";

export function checkSheet(plan: Plan, unit: string, sheet: SheetRows, now: Date = new Date()): LedgerCheck {
  const checked = checkLedger(plan, unit, sheet.rows, {
    today: chinaDate(now.toISOString()),
    rowLabel: (index) => `第${sheet.places.sheetRows[index] ?? index + 1}行`,
    columnLabel: (field) => sheet.labels[field] ?? headerOf(field),
    sheet: sheet.shape,
  });
  return { ...checked, findings: [...sheet.findings, ...checked.findings] };
}
