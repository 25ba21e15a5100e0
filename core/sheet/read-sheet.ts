import type { Finding, LedgerRow, LedgerRowInput } from "../ledger/schema";
import type { Plan } from "../plan/schema";
import { validationContext } from "../validate/context";
import { cellText } from "../validate/read-row";
import { headerOf } from "./columns";
import { fieldOfHeader } from "./headers";

export interface SheetColumn {
  /** 0-based column index in the cells. */
  index: number;
  /** The header as written in the sheet (both lines of a two-row header, joined by "/"). */
  header: string;
  /** The LedgerRow field it maps to; absent for a column Taizhang does not know (kept, never dropped). */
  field?: keyof LedgerRow;
}

export interface RowMatch {
  /** Index into `rows`. */
  row: number;
  taskId?: string;
  how: "number" | "text" | "none";
  score?: number;
  candidates?: string[];
}

export interface SheetReading {
  /** 0-based index in `cells` of the last header row; data starts below it. -1 when no header was found. */
  headerRow: number;
  columns: SheetColumn[];
  unknownColumns: SheetColumn[];
  rows: LedgerRowInput[];
  /** 0-based index in `cells` of each row in `rows`. */
  rowNumbers: number[];
  matches: RowMatch[];
  /** Sheet-level findings (row null): header not found, columns missing or unknown. */
  findings: Finding[];
}

/** Title rows (附件3, the unit's name) sit above the header; it is among the first rows. */
const HEADER_SEARCH_ROWS = 20;
const REQUIRED: readonly (keyof LedgerRow)[] = ["no", "task", "office", "leader", "status"];

function mappedCount(line: readonly unknown[] | undefined): number {
  let n = 0;
  for (const cell of line ?? []) if (fieldOfHeader(cellText(cell))) n++;
  return n;
}

/**
 * Maps header cells to fields. `lines` are one or two header rows; in a two-row header the lower row names the
 * columns under a group heading, so where both rows name a field the lower one wins.
 */
export function mapColumns(lines: readonly (readonly unknown[])[]): SheetColumn[] {
  const width = Math.max(0, ...lines.map((l) => l.length));
  const best = new Map<keyof LedgerRow, { index: number; rank: number }>();
  const columns: SheetColumn[] = [];
  for (let index = 0; index < width; index++) {
    const texts = lines.map((line) => cellText(line[index]));
    const named = texts.map((t) => ({ text: t, mapped: fieldOfHeader(t) }));
    const chosen = [...named].reverse().find((n) => n.mapped);
    const header = [...new Set(texts.filter(Boolean))].join("/");
    if (!header) continue;
    const column: SheetColumn = { index, header };
    if (chosen?.mapped) {
      const { field, rank } = chosen.mapped;
      const taken = best.get(field);
      if (!taken || rank < taken.rank) {
        if (taken) delete columns.find((c) => c.index === taken.index)!.field;
        best.set(field, { index, rank });
        column.field = field;
      }
    }
    columns.push(column);
  }
  return columns;
}

/**
 * Adopts an existing 台账 from plain cell values (Office.js Range.values, or exceljs values flattened): finds
 * the header below any title rows, maps the columns by their names, and reads every row below it.
 */
export function readSheet(cells: readonly (readonly unknown[])[], plan: Plan, unit: string): SheetReading {
  const findings: Finding[] = [];
  let headerRow = -1;
  let bestCount = 1;
  for (let r = 0; r < Math.min(cells.length, HEADER_SEARCH_ROWS); r++) {
    const count = mappedCount(cells[r]);
    if (count > bestCount) [headerRow, bestCount] = [r, count];
  }
  if (headerRow < 0) {
    findings.push({ row: null, column: null, severity: "error", code: "header-not-found", message: `前${HEADER_SEARCH_ROWS}行中找不到表头（序号、工作任务、责任科室……），请确认选择的是台账工作表。` });
    return { headerRow, columns: [], unknownColumns: [], rows: [], rowNumbers: [], matches: [], findings };
  }
  // A two-row header: the row below names columns the header row left to a group heading (or left empty).
  const below = cells[headerRow + 1] ?? [];
  const single = mapColumns([cells[headerRow]!]);
  const twoRow = mapColumns([cells[headerRow]!, below]);
  const gained = twoRow.filter((c) => c.field).length > single.filter((c) => c.field).length;
  const columns = gained ? twoRow : single;
  if (gained) headerRow += 1;

  const unknownColumns = columns.filter((c) => !c.field);
  for (const column of unknownColumns) {
    findings.push({ row: null, column: column.header, severity: "warning", code: "unknown-column", message: `未识别的列「${column.header}」已原样保留，不参与检查；如是台账的一项，请改用标准列名。` });
  }
  const mapped = columns.filter((c): c is SheetColumn & { field: keyof LedgerRow } => c.field !== undefined);
  for (const field of REQUIRED) {
    if (!mapped.some((c) => c.field === field)) {
      findings.push({ row: null, column: field, severity: "error", code: "column-missing", message: `台账缺少「${headerOf(field)}」列，请补上这一列。` });
    }
  }

  const ctx = validationContext(plan, unit);
  const rows: LedgerRowInput[] = [];
  const rowNumbers: number[] = [];
  const matches: RowMatch[] = [];
  for (let r = headerRow + 1; r < cells.length; r++) {
    const line = cells[r] ?? [];
    if (!mapped.some((c) => cellText(line[c.index]) !== "")) continue;
    const row: Record<string, unknown> = {};
    for (const column of mapped) row[column.field] = line[column.index];
    const index = rows.length;
    rows.push(row);
    rowNumbers.push(r);
    const no = cellText(row.no).replace(/[(（]?续[)）]?$/, "");
    const text = cellText(row.task);
    if (no) matches.push({ row: index, how: "number", taskId: ctx.taskOfNumber(no)?.id });
    else if (text) {
      const { how, taskId, score, candidates } = ctx.matchText(text);
      matches.push({ row: index, how, ...(taskId ? { taskId } : {}), ...(score !== undefined ? { score } : {}), ...(candidates ? { candidates } : {}) });
    } else matches.push({ row: index, how: "none" });
  }
  return { headerRow, columns, unknownColumns, rows, rowNumbers, matches, findings };
}
