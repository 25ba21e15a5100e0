// The central office's four consolidated sheets as plain tables: the .xlsx export and the add-in's 汇总 both
// write exactly these, so the office sees the same thing wherever it looks. They are built as the units' ledgers
// arrive, page by page: 汇总台账's rows as soon as a unit is read, 任务进度, 单位统计 and 未报送单位 (which need
// every unit) once the last page is in. Nothing but those per-unit tallies is kept between pages, so 1,000 units
// never sit in memory at once, in the API or in the task pane.
import { LEDGER_STATUSES, type LedgerRow, type LedgerStatus } from "../ledger/schema";
import { unitKey } from "../plan/unit-directory";
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

/** The sheets written once every page is in. */
export type ConsolidatedTotals = Omit<ConsolidatedSheets, "consolidated">;

export const CONSOLIDATED_SHEET_NAMES: Record<keyof ConsolidatedSheets, string> = {
  consolidated: "汇总台账",
  progress: "任务进度",
  unitCounts: "单位统计",
  notReported: "未报送单位",
};

/** A unit's rows as a page carries them; a unit too large for one page comes again with its further rows. */
export type LedgerPart = { unit: string; rows: readonly LedgerRow[] };

/** 汇总台账's columns, the same for every plan. */
const CONSOLIDATED_COLUMNS: Omit<SheetTable, "rows"> = {
  header: ["单位", ...LEDGER_COLUMNS.map((c) => c.header), "审核"],
  widths: [14, ...LEDGER_COLUMNS.map((c) => c.width), 24],
  dateColumns: LEDGER_COLUMNS.flatMap((c, i) => (c.kind === "date" ? [i + 1] : [])),
};

function consolidatedRow(unit: string, row: LedgerRow): SheetCell[] {
  return [
    unit,
    ...LEDGER_COLUMNS.map((c) => String(row[c.field] ?? "")),
    // Who reviewed, as the record names people: 退回：请补充进展（王五（督办汇总））.
    row.review ? `${row.review.verdict}：${row.review.comment}（${row.review.by}）` : "",
  ];
}

/** What the sheets after 汇总台账 need of one unit. */
interface UnitTally {
  unit: string;
  /** The unit's status on each task: its first row's (further rows under the same number continue it). */
  statusByTask: Map<string, LedgerStatus>;
  counts: Record<LedgerStatus, number>;
  rows: number;
}

export interface ConsolidatedSheetBuilder {
  /** 汇总台账's header, widths and date columns; its rows come from `add`. */
  readonly consolidated: SheetTable;
  /** 汇总台账's rows for these units, in the order given, and their tallies kept for `finish`. */
  add(ledgers: readonly LedgerPart[]): SheetCell[][];
  /** Units and rows added so far. */
  readonly units: number;
  readonly rows: number;
  /** 任务进度, 单位统计 and 未报送单位 from everything added, units in the plan's order. */
  finish(): ConsolidatedTotals;
}

export function consolidatedSheetBuilder(plan: Plan): ConsolidatedSheetBuilder {
  const tallies = new Map<string, UnitTally>();
  let rowCount = 0;
  return {
    consolidated: { ...CONSOLIDATED_COLUMNS, rows: [] },
    get units() {
      return tallies.size;
    },
    get rows() {
      return rowCount;
    },
    add(ledgers) {
      const cells: SheetCell[][] = [];
      for (const { unit, rows } of ledgers) {
        const key = unitKey(unit);
        let tally = tallies.get(key);
        if (!tally) {
          tally = { unit, statusByTask: new Map(), counts: Object.fromEntries(LEDGER_STATUSES.map((s) => [s, 0])) as UnitTally["counts"], rows: 0 };
          tallies.set(key, tally);
        }
        for (const row of rows) {
          cells.push(consolidatedRow(unit, row));
          if (!tally.statusByTask.has(row.taskId)) tally.statusByTask.set(row.taskId, row.status);
          tally.counts[row.status]++;
        }
        tally.rows += rows.length;
        rowCount += rows.length;
      }
      return cells;
    },
    finish() {
      const order = new Map(plan.units.map((u, i) => [unitKey(u.name), i]));
      const units = [...tallies.entries()]
        .sort(([a, x], [b, y]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || x.unit.localeCompare(y.unit, "zh"))
        .map(([, tally]) => tally);
      return {
        progress: {
          header: ["序号", "工作任务", ...units.map((u) => u.unit)],
          rows: plan.tasks.map((task) => [task.no, task.text, ...units.map((u) => u.statusByTask.get(task.id) ?? "")]),
          widths: [8, 40, ...units.map(() => 10)],
        },
        unitCounts: {
          header: ["单位", ...LEDGER_STATUSES, "合计"],
          rows: units.map((u) => [u.unit, ...LEDGER_STATUSES.map((s) => u.counts[s]), u.rows]),
          widths: [16, ...LEDGER_STATUSES.map(() => 10), 8],
          chartColumns: 1 + LEDGER_STATUSES.length,
        },
        notReported: {
          header: ["单位"],
          rows: plan.units.filter((u) => !tallies.has(unitKey(u.name))).map((u) => [u.name]),
          widths: [24],
        },
      };
    },
  };
}
