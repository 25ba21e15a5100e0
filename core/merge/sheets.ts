// The central office's four consolidated sheets as plain tables: the .xlsx export and the add-in's 汇总 both
// write exactly these, so the office sees the same thing wherever it looks.
import type { ConsolidatedReply } from "../api/contract";
import { LEDGER_STATUSES } from "../ledger/schema";
import type { Plan } from "../plan/schema";
import { LEDGER_COLUMNS } from "../sheet/columns";

export type SheetCell = string | number;

/** One sheet's content: a header row and rows; widths in characters, as LEDGER_COLUMNS counts them. */
export interface SheetTable {
  header: string[];
  rows: SheetCell[][];
  widths?: number[];
  /** Columns (0-based) whose "YYYY-MM-DD" text is a real date. */
  dateColumns?: number[];
}

export interface ConsolidatedSheets {
  /** 汇总台账: every unit's rows, with the unit first. */
  consolidated: SheetTable;
  /** 任务进度: task × unit, each cell the unit's status on the task. */
  progress: SheetTable;
  /** 单位统计: per unit, rows at each status; a chart covers the first `chartColumns` columns. */
  unitCounts: SheetTable & { chartColumns: number };
  /** 未报送单位: units that have not synced. */
  notReported: SheetTable;
}

export const CONSOLIDATED_SHEET_NAMES: Record<keyof ConsolidatedSheets, string> = {
  consolidated: "汇总台账",
  progress: "任务进度",
  unitCounts: "单位统计",
  notReported: "未报送单位",
};

export function consolidatedSheets(plan: Plan, data: Pick<ConsolidatedReply, "ledgers" | "notReported">): ConsolidatedSheets {
  const { ledgers } = data;
  const consolidated: SheetTable = {
    header: ["单位", ...LEDGER_COLUMNS.map((c) => c.header), "审核"],
    rows: ledgers.flatMap(({ unit, rows }) =>
      rows.map((row) => [
        unit,
        ...LEDGER_COLUMNS.map((c) => String(row[c.field] ?? "")),
        // Who reviewed, as the record names people: 退回：请补充进展（王五（督办汇总））.
        row.review ? `${row.review.verdict}：${row.review.comment}（${row.review.by}）` : "",
      ]),
    ),
    widths: [14, ...LEDGER_COLUMNS.map((c) => c.width), 24],
    dateColumns: LEDGER_COLUMNS.flatMap((c, i) => (c.kind === "date" ? [i + 1] : [])),
  };

  // A unit's status on a task is its first row's (further rows under the same number continue it).
  const statusOf = ledgers.map(({ rows }) => {
    const byTask = new Map<string, string>();
    for (const row of rows) if (!byTask.has(row.taskId)) byTask.set(row.taskId, row.status);
    return byTask;
  });
  const progress: SheetTable = {
    header: ["序号", "工作任务", ...ledgers.map((l) => l.unit)],
    rows: plan.tasks.map((task) => [task.no, task.text, ...statusOf.map((byTask) => byTask.get(task.id) ?? "")]),
    widths: [8, 40, ...ledgers.map(() => 10)],
  };

  const unitCounts = {
    header: ["单位", ...LEDGER_STATUSES, "合计"],
    rows: ledgers.map(({ unit, rows }) => [unit, ...LEDGER_STATUSES.map((s) => rows.filter((r) => r.status === s).length), rows.length]),
    widths: [16, ...LEDGER_STATUSES.map(() => 10), 8],
    chartColumns: 1 + LEDGER_STATUSES.length,
  };
  const notReported: SheetTable = { header: ["单位"], rows: data.notReported.map((u) => [u]), widths: [24] };
  return { consolidated, progress, unitCounts, notReported };
}
