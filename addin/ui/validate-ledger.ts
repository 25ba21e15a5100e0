import { LedgerRow } from "../../core/ledger/schema";
import { headerOf } from "../../core/sheet/columns";
import type { Services } from "./services";

/**
 * core/validate's check, once it lands; until then the pane checks what the row schema and the plan's task ids
 * already say, so 检查 is never silently empty.
 */

export const validateLedger: Services["validate"] = (plan, _unit, rows) => {
  const taskIds = new Set(plan.tasks.map((t) => t.id));
  return rows.flatMap((row, index) => {
    const parsed = LedgerRow.safeParse(row);
    const findings = parsed.success
      ? []
      : parsed.error.issues.map((issue) => {
          const field = String(issue.path[0] ?? "");
          return { row: index, column: field || null, severity: "error" as const, code: "invalid-cell", message: `第 ${index + 1} 条“${headerOf(field)}”：${issue.message}` };
        });
    if (!taskIds.has(row.taskId)) {
      findings.push({ row: index, column: "no", severity: "error", code: "unknown-task", message: `第 ${index + 1} 条序号“${row.no}”不是本方案的任务，请核对序号` });
    }
    return findings;
  });
};
