// The central office's consolidated sheets as plain tables: the .xlsx export and the add-in's 汇总 both write
// exactly these, so the office sees the same thing wherever it looks. They are built as the units' ledgers
// arrive, page by page: 汇总台账's rows as soon as a unit is read, the sheets that need every unit (任务进度,
// 单位统计, 考核排名, 未报送单位) once the last page is in. Between pages only small per-unit tallies are kept
// (and the rows of the one unit still arriving), so 1,000 units never sit in memory at once, in the API or in the
// task pane. Every sheet answers a question the office asks, and prints as a report (./print.ts).
import type { LedgerRow, LedgerStatus } from "../ledger/schema";
import { roleFinder } from "../ledger/assignment";
import { unitKey } from "../plan/unit-directory";
import type { Plan } from "../plan/schema";
import type { IsoDate } from "../schema-kit";
import { LEDGER_COLUMNS } from "../sheet/columns";
import { DEFAULT_WEIGHTS, WEIGHT_LABELS, type ReportState, type ScoreWeights, type UnitScore } from "../oversight/schema";
import { rankScores, unitScore } from "../oversight/scores";
import { unitFacts } from "../oversight/unit-facts";
import { chinaDate } from "./consolidate";

export type SheetCell = string | number;

/** Cells whose text matches get a fill: the first rule that matches wins. */
export interface TextColour {
  /** Text the cell contains. */
  contains: string;
  fill: string;
}

/** One sheet's content: a header row and rows; widths in characters, as LEDGER_COLUMNS counts them. */
export interface SheetTable {
  /** The report's title and its 截至 line, printed above the header (print.ts places them). */
  title?: string;
  asOf?: string;
  header: string[];
  rows: SheetCell[][];
  widths?: number[];
  /** Columns (0-based) whose "YYYY-MM-DD" text is a real date. */
  dateColumns?: number[];
  /** Columns holding a share (0–1), shown as a percentage. */
  percentColumns?: number[];
  /** Columns of long text, wrapped so a printed page shows all of it. */
  wrapColumns?: number[];
  /** Columns (from, to inclusive) whose cells are coloured by their text, e.g. 任务进度's statuses. */
  colours?: { from: number; to: number; rules: TextColour[] };
  /** Rows whose cell in `column` reads `text` are filled across the table (汇总台账's overdue rows). */
  rowMark?: { column: number; text: string; fill: string };
  /** The header row carries filters (Excel's auto filter). */
  filter?: boolean;
  /** Short columns centred (名次, 报送情况…), so a number never runs into the text beside it. */
  centred?: number[];
  /** Leading columns repeated on every page when the sheet prints across pages (./print.ts pageFit). */
  titleColumns?: number;
}

export type SheetFrame = Omit<SheetTable, "rows">;

export interface ConsolidatedSheets {
  /** 汇总台账: every unit's rows, with the unit first. */
  consolidated: SheetTable;
  /** 任务进度: per task its lead units and completion, then the status each unit gave it. */
  progress: SheetTable;
  /** 单位统计: every unit of the plan, reported or not; a chart covers the first `chartColumns` columns. */
  unitCounts: SheetTable & { chartColumns: number };
  /** 考核排名: every unit's 考核 score, best first. */
  ranking: SheetTable;
  /** 未报送单位: units that have not synced. */
  notReported: SheetTable;
}

/** The sheets written once every page is in. */
export type ConsolidatedTotals = Omit<ConsolidatedSheets, "consolidated">;

export const CONSOLIDATED_SHEET_NAMES: Record<keyof ConsolidatedSheets, string> = {
  consolidated: "汇总台账",
  progress: "任务进度",
  unitCounts: "单位统计",
  ranking: "考核排名",
  notReported: "未报送单位",
};

/** A unit's rows as a page carries them; a unit too large for one page comes again with its further rows. */
export type LedgerPart = { unit: string; rows: readonly LedgerRow[]; version?: number; firstSyncAt?: string };

export interface ConsolidatedOptions {
  /** The day the figures are for, in China (overdue counts against it). */
  today: IsoDate;
  weights?: ScoreWeights;
  /** 退回 given to each unit's rows so far, by unitKey (from the review log). */
  returns?: ReadonlyMap<string, number>;
}

const FILL = { red: "#F8CBAD", yellow: "#FFEB9C", green: "#C6EFCE", grey: "#EDEDED", overdueRow: "#FCE4D6" } as const;

/** 汇总台账's column that says a row is overdue, and the one that says which version of the unit's 台账 it is. */
export const OVERDUE_HEADER = "逾期";
export const VERSION_HEADER = "台账版本";
const OVERDUE = "逾期";

const ledgerColumn = (field: string) => 1 + LEDGER_COLUMNS.findIndex((c) => c.field === field);

/**
 * 汇总台账's widths: narrower than a unit's own sheet, text wrapping instead, so all seventeen columns print on one
 * A4 landscape page's width at a readable size (print.ts ONE_PAGE_WIDTH); the long texts get the room.
 */
const CONSOLIDATED_WIDTHS: Record<string, number> = {
  no: 4.5, task: 28, deadline: 11, office: 8, leader: 7, role: 5.5, measures: 24, progress: 26, status: 9, doneOn: 10.5, triggeredOn: 10.5, evidence: 12, note: 10,
};

/** 汇总台账's columns, the same for every plan. */
function consolidatedFrame(title: string, asOf: string): SheetFrame {
  const header = ["单位", ...LEDGER_COLUMNS.map((c) => c.header), "审核", OVERDUE_HEADER, VERSION_HEADER];
  // Every text column wraps, the short ones too: a narrow column never hides a word behind "…".
  const narrowText = new Set(["deadline", "office", "leader", "role", "status", "task", "measures", "progress", "evidence", "note"]);
  return {
    title,
    asOf,
    header,
    widths: [9, ...LEDGER_COLUMNS.map((c) => CONSOLIDATED_WIDTHS[c.field] ?? c.width), 12, 4.5, 4.5],
    dateColumns: LEDGER_COLUMNS.flatMap((c, i) => (c.kind === "date" ? [i + 1] : [])),
    wrapColumns: [0, ...LEDGER_COLUMNS.flatMap((c, i) => (narrowText.has(c.field) ? [i + 1] : [])), header.length - 3, header.length - 2],
    colours: { from: ledgerColumn("status"), to: ledgerColumn("status"), rules: STATUS_COLOURS },
    rowMark: { column: header.length - 2, text: OVERDUE, fill: FILL.overdueRow },
    centred: [ledgerColumn("no"), ledgerColumn("role"), ledgerColumn("status"), header.length - 2, header.length - 1],
    filter: true,
  };
}

const STATUS_COLOURS: TextColour[] = [
  { contains: OVERDUE, fill: FILL.red },
  { contains: "已完成", fill: FILL.green },
  { contains: "长期坚持", fill: FILL.green },
  { contains: "推进中", fill: FILL.yellow },
  { contains: "未开始", fill: FILL.grey },
];

const NOT_CARRIED = "不涉及";
/** 任务进度's cells: the statuses, and a unit that never reported in red, a task left unfilled in grey. */
const PROGRESS_COLOURS: TextColour[] = [...STATUS_COLOURS, { contains: "未报送", fill: FILL.red }, { contains: "未填报", fill: FILL.grey }];

/** How a unit's 台账 came in, in three words the office filters by. */
export const REPORT_WORDS: Record<ReportState, string> = { 已报送: "按时", 逾期报送: "逾期", 未报送: "未报送", 逾期未报送: "未报送" };

/** "2025年6月1日". */
export function chineseDate(day: IsoDate): string {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

const DONE: ReadonlySet<LedgerStatus> = new Set(["已完成", "长期坚持"]);

/** What the sheets after 汇总台账 need of one unit. */
interface UnitTally {
  unit: string;
  version?: number;
  firstSyncAt?: string;
  /** The unit's status on each task it carries, "（逾期）" added when past due. */
  statusByTask: Map<string, string>;
  score?: Omit<UnitScore, "rank">;
}

/** The unit whose rows are still arriving: its rows so far (a unit too large for a page comes in parts). */
interface OpenUnit {
  key: string;
  tally: UnitTally;
  rows: LedgerRow[];
}

export interface ConsolidatedSheetBuilder {
  /** 汇总台账's frame (title, header, widths, formats); its rows come from `add`. */
  readonly consolidated: SheetFrame;
  /** 汇总台账's rows for these units, in the order given, and their tallies kept for `finish`. */
  add(ledgers: readonly LedgerPart[]): SheetCell[][];
  /** Units and rows added so far. */
  readonly units: number;
  readonly rows: number;
  /** 任务进度, 单位统计, 考核排名 and 未报送单位 from everything added, units in the plan's order. */
  finish(): ConsolidatedTotals;
}

export function consolidatedSheetBuilder(plan: Plan, options: ConsolidatedOptions): ConsolidatedSheetBuilder {
  const { today } = options;
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const asOf = `截至${chineseDate(today)}`;
  const titleOf = (sheet: keyof ConsolidatedSheets) => `${plan.title}·${CONSOLIDATED_SHEET_NAMES[sheet]}`;
  const frame = consolidatedFrame(titleOf("consolidated"), asOf);
  const tallies = new Map<string, UnitTally>();
  const returnsOf = (unit: string) => options.returns?.get(unitKey(unit)) ?? 0;
  let open: OpenUnit | undefined;
  let rowCount = 0;

  const close = () => {
    if (!open) return;
    const { tally, rows } = open;
    const facts = unitFacts(plan, tally.unit, rows, today);
    tally.statusByTask = new Map(facts.filter((f) => f.row).map((f) => [f.task.id, f.overdue ? `${f.status}（${OVERDUE}）` : f.status]));
    const ledger = { unit: tally.unit, version: tally.version ?? 1, rows, ...(tally.firstSyncAt ? { firstSyncAt: tally.firstSyncAt } : {}) };
    tally.score = unitScore(plan, { unit: tally.unit, ledger, returns: returnsOf(tally.unit) }, today, weights, facts);
    open = undefined;
  };

  return {
    consolidated: frame,
    get units() {
      return tallies.size;
    },
    get rows() {
      return rowCount;
    },
    add(ledgers) {
      const cells: SheetCell[][] = [];
      for (const part of ledgers) {
        const key = unitKey(part.unit);
        if (open?.key !== key) {
          close();
          const tally = tallies.get(key) ?? { unit: part.unit, statusByTask: new Map() };
          tallies.set(key, tally);
          open = { key, tally, rows: [] };
        }
        const tally = open!.tally;
        if (part.version !== undefined) tally.version = part.version;
        if (part.firstSyncAt !== undefined) tally.firstSyncAt = part.firstSyncAt;
        open!.rows.push(...part.rows);
        // Facts from every row of the unit so far: a further row continues its task's first row.
        const facts = unitFacts(plan, part.unit, open!.rows, today);
        const overdue = new Set(facts.filter((f) => f.overdue).map((f) => f.task.id));
        const roles = new Map(facts.map((f) => [f.task.id, f.role]));
        for (const row of part.rows) {
          cells.push([
            part.unit,
            ...LEDGER_COLUMNS.map((c) => (c.field === "role" ? row.role ?? roles.get(row.taskId) ?? "" : String(row[c.field] ?? ""))),
            // Who reviewed, as the record names people: 退回：请补充进展（王五（督办汇总））.
            row.review ? `${row.review.verdict}：${row.review.comment}（${row.review.by}）` : "",
            overdue.has(row.taskId) ? OVERDUE : "",
            tally.version ?? "",
          ]);
        }
        rowCount += part.rows.length;
      }
      return cells;
    },
    finish() {
      close();
      // The directory's units in its order; a unit reporting under a name the directory lacks comes after them.
      const directory = new Map(plan.units.map((u) => [unitKey(u.name), u.name]));
      const reported = [...directory.keys()].flatMap((key) => (tallies.has(key) ? [tallies.get(key)!] : []));
      for (const [key, tally] of tallies) if (!directory.has(key)) reported.push(tally);
      const scores = [
        ...plan.units.map((u) => tallies.get(unitKey(u.name))?.score ?? unitScore(plan, { unit: u.name, ledger: undefined, returns: returnsOf(u.name) }, today, weights)),
        ...reported.filter((t) => !directory.has(unitKey(t.unit))).map((t) => t.score!),
      ];
      const firstSync = new Map(reported.map((t) => [unitKey(t.unit), t.firstSyncAt]));
      return {
        progress: progressSheet(plan, reported, titleOf("progress"), asOf),
        unitCounts: unitCountsSheet(scores, firstSync, titleOf("unitCounts"), asOf),
        ranking: rankingSheet(rankScores(scores), titleOf("ranking"), `${asOf}　${weightsLine(weights)}`),
        notReported: {
          title: titleOf("notReported"),
          asOf: `${asOf}${plan.ledgerDue ? `　应于${chineseDate(plan.ledgerDue)}前报送` : ""}`,
          header: ["单位", "报送情况"],
          centred: [1],
          rows: scores.filter((s) => s.report === "未报送" || s.report === "逾期未报送").map((s) => [s.unit, s.report]),
          widths: [30, 14],
          colours: { from: 1, to: 1, rules: [{ contains: "逾期", fill: FILL.red }] },
        },
      };
    },
  };
}

/** "权重：报送及时25% 完成率35% 按时完成率30% 退回次数10%". */
export function weightsLine(weights: ScoreWeights): string {
  const sum = weights.timely + weights.completion + weights.onTime + weights.returns;
  const share = (w: number) => `${Math.round((100 * w) / sum)}%`;
  return `权重：${(Object.keys(WEIGHT_LABELS) as (keyof ScoreWeights)[]).map((k) => `${WEIGHT_LABELS[k]}${share(weights[k])}`).join(" ")}`;
}

function progressSheet(plan: Plan, reported: readonly UnitTally[], title: string, asOf: string): SheetTable {
  // Every unit of the plan gets a column, reported or not, then any unit reporting under a name the directory lacks.
  const byKey = new Map(reported.map((t) => [unitKey(t.unit), t]));
  const directory = new Set(plan.units.map((u) => unitKey(u.name)));
  const units = [...plan.units.map((u) => u.name), ...reported.map((t) => t.unit).filter((name) => !directory.has(unitKey(name)))];
  const columns = units.map((unit) => {
    const roleOf = roleFinder(plan, unit);
    return { unit, tally: byKey.get(unitKey(unit)), carries: new Set(plan.tasks.filter((t) => roleOf(t)).map((t) => t.id)) };
  });
  // What a cell says: the unit's status; 未填报 when it reported without a row for a task it carries; 未报送 when
  // it never reported; 不涉及 when the task is not the unit's (a blank would look like a gap in the data).
  const cell = (c: (typeof columns)[number], taskId: string) =>
    !c.carries.has(taskId) ? NOT_CARRIED : !c.tally ? "未报送" : c.tally.statusByTask.get(taskId) ?? "未填报";
  const fixed = 5;
  return {
    title,
    asOf,
    header: ["序号", "工作任务", "牵头单位", "完成率", "已完成/应完成", ...columns.map((c) => c.unit)],
    rows: plan.tasks.map((task) => {
      const of = columns.filter((c) => c.carries.has(task.id)).length;
      const done = columns.filter((c) => c.carries.has(task.id) && DONE.has(c.tally?.statusByTask.get(task.id) as LedgerStatus)).length;
      const lead = task.lead.length ? task.lead.join("、") : task.allUnits ? "各单位" : "";
      return [task.no, task.text, lead, of ? done / of : "", `${done}/${of}`, ...columns.map((c) => cell(c, task.id))];
    }),
    widths: [5, 36, 14, 8, 9, ...columns.map(() => 9)],
    percentColumns: [3],
    wrapColumns: [1, 2, ...columns.map((_, i) => fixed + i)],
    centred: [0, 3, 4],
    titleColumns: 3,
    colours: columns.length ? { from: fixed, to: fixed + columns.length - 1, rules: PROGRESS_COLOURS } : undefined,
    filter: true,
  };
}

function unitCountsSheet(
  scores: readonly Omit<UnitScore, "rank">[],
  firstSync: ReadonlyMap<string, string | undefined>,
  title: string,
  asOf: string,
): SheetTable & { chartColumns: number } {
  return {
    title,
    asOf,
    header: ["单位", "完成率", "按时完成率", "逾期数", "报送情况", "报送时间", "应完成任务", "已完成", "已到期任务", "按时完成", "退回次数"],
    rows: scores.map((s) => {
      const at = firstSync.get(unitKey(s.unit));
      return [
        s.unit,
        s.tasks ? s.done / s.tasks : "",
        s.dueSoFar ? s.doneOnTime / s.dueSoFar : "",
        s.overdue,
        REPORT_WORDS[s.report],
        at ? chinaDate(at) : "",
        s.tasks,
        s.done,
        s.dueSoFar,
        s.doneOnTime,
        s.returns,
      ];
    }),
    widths: [20, 8, 10, 7, 9, 11, 9, 7, 9, 8, 8],
    dateColumns: [5],
    percentColumns: [1, 2],
    centred: [3, 4, 5, 6, 7, 8, 9, 10],
    colours: { from: 4, to: 4, rules: [{ contains: "未报送", fill: FILL.red }, { contains: "逾期", fill: FILL.yellow }, { contains: "按时", fill: FILL.green }] },
    filter: true,
    // The chart: 完成率 by unit.
    chartColumns: 2,
  };
}

function rankingSheet(scores: readonly UnitScore[], title: string, asOf: string): SheetTable {
  return {
    title,
    asOf,
    header: ["名次", "单位", "总分", "报送及时得分", "完成率得分", "按时完成率得分", "退回次数得分", "报送情况", "逾期数", "退回次数"],
    rows: scores.map((s) => [s.rank, s.unit, s.total, s.parts.timely, s.parts.completion, s.parts.onTime, s.parts.returns, REPORT_WORDS[s.report], s.overdue, s.returns]),
    widths: [6, 24, 8, 10, 10, 12, 12, 9, 7, 8],
    centred: [0, 7, 8, 9],
    colours: { from: 7, to: 7, rules: [{ contains: "未报送", fill: FILL.red }, { contains: "逾期", fill: FILL.yellow }] },
    filter: true,
  };
}
