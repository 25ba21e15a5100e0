import type { Finding, LedgerRowInput } from "../ledger/schema";
import { readStatus } from "../ledger/status";
import { isTaskNumber } from "../ledger/task-number";
import type { Plan } from "../plan/schema";
import { readCellDate } from "../dates";
import { validationContext } from "../validate/context";
import { cellText } from "../validate/read-row";
import type { SheetShape } from "../validate/validate";
import { LEDGER_FIELDS, REQUIRED_FIELDS, TAIZHANG_ONLY_FIELDS, headerOf, type LedgerField } from "./columns";
import { columnLetter, mergeMasters, type SheetCells } from "./grid";
import { fieldOfHeader, headerLike, statusFormOf, type StatusForm } from "./headers";

/** How a column came to its field: its name, the words in it, what its cells hold, or the clerk's say. */
export type ColumnHow = "name" | "meaning" | "values" | "clerk";

export interface SheetColumn {
  /** 0-based column index in the cells. */
  index: number;
  /** Every header line over the column, top down, e.g. "落实情况/责任科室". */
  header: string;
  /** The line that names the column (责任科室), what messages call it. */
  label: string;
  /** The LedgerRow field it maps to; absent for a column Taizhang does not know (kept, never dropped). */
  field?: LedgerField;
  how?: ColumnHow;
}

export interface RowMatch {
  /** Index into `rows`. */
  row: number;
  taskId?: string;
  how: "number" | "text" | "continuation" | "none";
  candidates?: string[];
}

export interface SheetReading {
  sheet: string;
  /** 0-based rows in `cells` of the first and last header row; data starts below `headerRow`. -1 when none. */
  headerTop: number;
  headerRow: number;
  columns: SheetColumn[];
  /** Columns with a header Taizhang does not use: kept as they are, named in one warning. */
  unknownColumns: SheetColumn[];
  /** Fields without a column (Taizhang's own extras, 牵头/配合 and 触发日期, left out). */
  missing: LedgerField[];
  /** What validation needs to know of the sheet: its fields and how its status column is written. */
  shape: SheetShape;
  rows: LedgerRowInput[];
  /** 0-based index in `cells` of each row in `rows`. */
  rowNumbers: number[];
  /** 0-based rows read as section headings (一、…), not as tasks. */
  headings: number[];
  matches: RowMatch[];
  /** Sheet-level findings from reading: no header, extra columns. (Missing columns are validation's.) */
  findings: Finding[];
  /** How well the header reads: the required fields found count most. 0 when there is no header. */
  score: number;
}

/** The clerk's corrections by column index: a field, or null for "not a ledger column". */
export type ColumnChoices = Readonly<Record<number, LedgerField | null>>;

/** Where a bound sheet's header and columns are, as the clerk confirmed them (0-based within the cells). */
export interface SheetLayout {
  headerTop: number;
  headerRow: number;
  columns: Readonly<Partial<Record<LedgerField, number>>>;
  /** Each bound column's header as it read then: a column found under it elsewhere has moved (a column inserted). */
  labels?: Readonly<Partial<Record<LedgerField, string>>>;
}

export interface ReadOptions {
  /** Corrections over what the header says (使用当前表). */
  choices?: ColumnChoices;
  /** A bound sheet: read it by its remembered layout instead of looking for the header (检查, 报送). */
  layout?: SheetLayout;
}

/** Title rows (附件3, the unit's name, 填报单位) sit above the header; it is among the first rows. */
export const HEADER_SEARCH_ROWS = 20;
/** A header runs over at most this many rows (a group row, a sub-group row, the names). */
const MAX_HEADER_ROWS = 3;

interface Grid {
  name: string;
  text: (row: number, col: number) => string;
  value: (row: number, col: number) => unknown;
  /**
   * The cell's own value, or its merged area's when it is covered by one that starts at or below `fromRow`;
   * `down` takes only an area's own column (a merge down a column, not a heading merged across a row).
   */
  merged: (row: number, col: number, fromRow: number, down?: boolean) => unknown;
  rows: number;
  width: number;
}

function gridOf(sheet: SheetCells): Grid {
  const masters = mergeMasters(sheet.merges);
  const value = (row: number, col: number) => sheet.cells[row]?.[col];
  return {
    name: sheet.name,
    rows: sheet.cells.length,
    width: Math.max(0, ...sheet.cells.map((line) => line.length)),
    value,
    text: (row, col) => cellText(value(row, col)),
    merged: (row, col, fromRow, down = false) => {
      const master = masters.get(`${row},${col}`);
      return master && master.row >= fromRow && (!down || master.col === col) ? value(master.row, master.col) : value(row, col);
    },
  };
}

/** Maps the columns under header rows top…bottom: in each column the lowest line that names a field wins. */
function mapColumns(grid: Grid, top: number, bottom: number): SheetColumn[] {
  const best = new Map<LedgerField, { column: SheetColumn; rank: number }>();
  const columns: SheetColumn[] = [];
  for (let index = 0; index < grid.width; index++) {
    // A group heading merged over several columns names each of them; a name merged down the rows counts once.
    const texts: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const text = cellText(grid.merged(r, index, top));
      if (text && texts.at(-1) !== text) texts.push(text);
    }
    if (texts.length === 0) continue;
    const named = texts.map((text) => ({ text, meaning: fieldOfHeader(text) }));
    const chosen = [...named].reverse().find((n) => n.meaning) ?? named.at(-1)!;
    const column: SheetColumn = { index, header: texts.join("/"), label: chosen.text };
    if (chosen.meaning) {
      const { field, rank, how } = chosen.meaning;
      const taken = best.get(field);
      if (!taken || rank < taken.rank) {
        if (taken) {
          delete taken.column.field;
          delete taken.column.how;
        }
        best.set(field, { column, rank });
        column.field = field;
        column.how = how;
      }
    }
    columns.push(column);
  }
  return columns;
}

const fieldsOf = (columns: readonly SheetColumn[]) => new Set(columns.flatMap((c) => (c.field ? [c.field] : [])));

/** Required fields count ten, any other one; a sheet's header is judged by this. */
function headerScore(columns: readonly SheetColumn[]): number {
  const fields = fieldsOf(columns);
  return [...fields].reduce((sum, field) => sum + (REQUIRED_FIELDS.includes(field) ? 10 : 1), 0);
}

/** Whether a row can be part of a header: some cell reads as a header, and none is a number or a date. */
function headerRowLike(grid: Grid, row: number): boolean {
  let named = false;
  for (let c = 0; c < grid.width; c++) {
    const value = grid.value(row, c);
    if (typeof value === "number" || value instanceof Date) return false;
    const text = cellText(value);
    if (text && headerLike(text) && fieldOfHeader(text)) named = true;
  }
  return named;
}

/** The header block: the row naming most fields, with the group rows above and the name rows below it. */
function findHeader(grid: Grid): { top: number; bottom: number; columns: SheetColumn[] } | undefined {
  let anchor = -1;
  let anchorScore = 0;
  for (let r = 0; r < Math.min(grid.rows, HEADER_SEARCH_ROWS); r++) {
    const score = headerScore(mapColumns(grid, r, r));
    if (score > anchorScore && fieldsOf(mapColumns(grid, r, r)).size >= 2) [anchor, anchorScore] = [r, score];
  }
  if (anchor < 0) return undefined;
  let found = { top: anchor, bottom: anchor, columns: mapColumns(grid, anchor, anchor), score: anchorScore };
  for (let top = Math.max(0, anchor - MAX_HEADER_ROWS + 1); top <= anchor; top++) {
    for (let bottom = anchor; bottom < Math.min(grid.rows, top + MAX_HEADER_ROWS); bottom++) {
      if (top === anchor && bottom === anchor) continue;
      let rowsOk = true;
      for (let r = top; r <= bottom; r++) if (r !== anchor && !headerRowLike(grid, r)) rowsOk = false;
      if (!rowsOk) continue;
      const columns = mapColumns(grid, top, bottom);
      const score = headerScore(columns);
      // More fields named wins; on a tie, the block with fewer rows (a data row never names a field).
      if (score > found.score || (score === found.score && bottom - top < found.bottom - found.top)) found = { top, bottom, columns, score };
    }
  }
  return { top: found.top, bottom: found.bottom, columns: found.columns };
}

/**
 * A bound sheet's header: its remembered rows, every field in its remembered column, other headed columns extra.
 * A column whose remembered header now stands elsewhere (the clerk inserted or moved columns) is followed there;
 * one whose header is gone is read where it was, and said so.
 */
function boundHeader(grid: Grid, layout: SheetLayout): { top: number; bottom: number; columns: SheetColumn[]; findings: Finding[] } {
  const columns = mapColumns(grid, layout.headerTop, layout.headerRow);
  const findings: Finding[] = [];
  for (const column of columns) {
    delete column.field;
    delete column.how;
  }
  const headed = (column: SheetColumn | undefined, label: string) => Boolean(column && (column.label === label || column.header.split("/").includes(label)));
  for (const [field, index] of Object.entries(layout.columns) as [LedgerField, number | undefined][]) {
    if (index === undefined) continue;
    let column = columns.find((c) => c.index === index);
    const label = layout.labels?.[field];
    if (label && !headed(column, label)) {
      const moved = columns.filter((c) => !c.field && headed(c, label));
      if (moved.length === 1) column = moved[0];
      else findings.push({ row: null, column: field, severity: "warning", code: "header-changed", message: `「${label}」列的表头已改动或找不到，仍按原来的第${columnLetter(index)}列读取为「${headerOf(field)}」；如不对，请重新使用当前表。` });
    }
    if (!column) {
      // The clerk has since cleared the header cell: the column is still the field it was bound to.
      column = { index, header: label ?? headerOf(field), label: label ?? headerOf(field) };
      columns.push(column);
    }
    column.field = field;
    column.how = "clerk";
  }
  columns.sort((a, b) => a.index - b.index);
  return { top: layout.headerTop, bottom: layout.headerRow, columns, findings };
}

/** The clerk's choices over what was read: a chosen field moves to its column; null takes a column out. */
function applyChoices(columns: SheetColumn[], choices: ColumnChoices | undefined): void {
  if (!choices) return;
  for (const [key, field] of Object.entries(choices)) {
    const index = Number(key);
    const column = columns.find((c) => c.index === index);
    if (!column) continue;
    if (field) {
      for (const other of columns) {
        if (other !== column && other.field === field) {
          delete other.field;
          delete other.how;
        }
      }
      column.field = field;
    } else delete column.field;
    column.how = "clerk";
    if (!column.field) delete column.how;
  }
}

const DEADLINE_WORDS = /前|底|长期|持续|每年|每月|每季|工作日|期间|及时|定期|常态/;

/**
 * What a column's cells show about its meaning, where its name misled: 完成时间 holding 8月底前 and 长期坚持 is
 * the deadline (when the sheet has none); 完成情况 holding 已完成 and 推进中 is the status (when it has none).
 */
function readByValues(grid: Grid, columns: SheetColumn[], firstData: number, year: number, choices: ColumnChoices | undefined): void {
  const fields = fieldsOf(columns);
  const sample = (column: SheetColumn) => {
    const values: unknown[] = [];
    for (let r = firstData; r < grid.rows && values.length < 200; r++) {
      const value = grid.value(r, column.index);
      if (cellText(value)) values.push(value);
    }
    return values;
  };
  const mostly = (values: unknown[], test: (value: unknown) => boolean) =>
    values.length >= 2 && values.filter(test).length >= values.length * 0.6;
  for (const column of columns) {
    if (choices && column.index in choices) continue;
    if (column.field === "doneOn" && !fields.has("deadline")) {
      const values = sample(column);
      if (mostly(values, (v) => !readCellDate(v, year).ok && DEADLINE_WORDS.test(cellText(v)))) {
        column.field = "deadline";
        column.how = "values";
      }
    }
    if (column.field === "progress" && !fields.has("status")) {
      const values = sample(column);
      if (mostly(values, (v) => readStatus(cellText(v)).kind !== "unknown")) {
        column.field = "status";
        column.how = "values";
      }
    }
  }
}

const HEADING_NUMBER = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)\s*/;
const fold = (text: string) => text.normalize("NFKC").replace(HEADING_NUMBER, "").replace(/[\s\p{P}\p{S}]+/gu, "");

/** The plan's section and category headings, folded: a sheet row that only repeats one is a heading row. */
function headingsOf(plan: Plan): Set<string> {
  const headings = new Set<string>();
  for (const task of plan.tasks) {
    for (const heading of [task.section, task.category]) if (heading) headings.add(fold(heading));
  }
  headings.delete("");
  return headings;
}

/**
 * Adopts an existing 台账 from plain cell values (Office.js Range.values, or exceljs values flattened): finds
 * the header below any title rows, maps the columns by their names (or the clerk's choices), and reads every row
 * below it, merged cells taking their area's value except in 序号 and 工作任务 (a task over several rows).
 */
export function readSheet(input: SheetCells | readonly (readonly unknown[])[], plan: Plan, unit: string, options: ReadOptions = {}): SheetReading {
  const sheet: SheetCells = Array.isArray(input) ? { name: "", cells: input } : (input as SheetCells);
  const grid = gridOf(sheet);
  const empty = (findings: Finding[]): SheetReading => ({
    sheet: sheet.name, headerTop: -1, headerRow: -1, columns: [], unknownColumns: [], missing: [...REQUIRED_FIELDS],
    shape: { fields: new Set() }, rows: [], rowNumbers: [], headings: [], matches: [], findings, score: 0,
  });
  const header: { top: number; bottom: number; columns: SheetColumn[]; findings?: Finding[] } | undefined =
    options.layout ? boundHeader(grid, options.layout) : findHeader(grid);
  if (!header) {
    return empty([{ row: null, column: null, severity: "error", code: "header-not-found", message: `前${HEADER_SEARCH_ROWS}行中找不到表头（序号、工作任务、责任科室……），请确认选择的是台账工作表。` }]);
  }
  const { columns } = header;
  const firstData = header.bottom + 1;
  const findings: Finding[] = [...(header.findings ?? [])];
  if (!options.layout) readByValues(grid, columns, firstData, plan.year, options.choices);
  applyChoices(columns, options.choices);

  const unknownColumns = columns.filter((c) => !c.field);
  if (unknownColumns.length > 0) {
    findings.push({ row: null, column: null, severity: "warning", code: "extra-columns", message: `${unknownColumns.map((c) => `「${c.label}」`).join("")}列不是台账的列，已原样保留，不检查。` });
  }
  const mapped = columns.filter((c): c is SheetColumn & { field: LedgerField } => c.field !== undefined);
  const fields = fieldsOf(mapped);
  const status = mapped.find((c) => c.field === "status");
  const statusForm: StatusForm = status ? statusFormOf(status.label) : "words";
  const missing = LEDGER_FIELDS.filter((f) => !fields.has(f) && !TAIZHANG_ONLY_FIELDS.includes(f));

  const ctx = validationContext(plan, unit);
  const headings = headingsOf(plan);
  const rows: LedgerRowInput[] = [];
  const rowNumbers: number[] = [];
  const headingRows: number[] = [];
  const matches: RowMatch[] = [];
  let previous: string | undefined;
  for (let r = firstData; r < grid.rows; r++) {
    const row: Record<string, unknown> = {};
    let filled = 0;
    for (const column of mapped) {
      // A merged 责任科室 or 分管领导 holds for every row it covers; a merged 序号 or 工作任务 marks further rows.
      const value = column.field === "no" || column.field === "task" ? grid.value(r, column.index) : grid.merged(r, column.index, firstData, true);
      row[column.field] = value;
      if (cellText(value) !== "") filled++;
    }
    if (filled === 0) continue;
    const no = cellText(row.no);
    const text = cellText(row.task);
    const onlyNames = mapped.every((c) => c.field === "no" || c.field === "task" || cellText(row[c.field]) === "");
    // 一、加强推动高质量发展信息公开 in the 序号 or 工作任务 column, or a number beside a plan heading, nothing else filled.
    if (onlyNames && ((no && !text && !isTaskNumber(no)) || headings.has(fold(text)) || headings.has(fold(no)))) {
      headingRows.push(r);
      continue;
    }
    const index = rows.length;
    rows.push(row);
    rowNumbers.push(r);
    const bare = no.replace(/[(（]?续[)）]?$/, "");
    if (bare) {
      const task = ctx.taskOfNumber(bare);
      matches.push({ row: index, how: "number", ...(task ? { taskId: task.id } : {}) });
      if (task) previous = task.id;
    } else if (!text) {
      matches.push({ row: index, how: previous ? "continuation" : "none", ...(previous ? { taskId: previous } : {}) });
    } else if (previous && ctx.matchText.continues(text, previous)) {
      matches.push({ row: index, how: "continuation", taskId: previous });
    } else {
      const match = ctx.matchText(text);
      matches.push({ row: index, how: match.taskId ? "text" : "none", ...(match.taskId ? { taskId: match.taskId } : {}), ...(match.candidates ? { candidates: match.candidates } : {}) });
      if (match.taskId) previous = match.taskId;
    }
  }
  return {
    sheet: sheet.name,
    headerTop: header.top,
    headerRow: header.bottom,
    columns,
    unknownColumns,
    missing,
    shape: { fields, statusForm },
    rows,
    rowNumbers,
    headings: headingRows,
    matches,
    findings,
    score: headerScore(columns),
  };
}

/** How a reading's messages name a column: the sheet's own header (办结日期), else Taizhang's (完成日期). */
export function columnLabels(reading: Pick<SheetReading, "columns">): (field: string) => string {
  const byField = new Map(reading.columns.flatMap((c) => (c.field ? [[c.field as string, c.label] as const] : [])));
  return (field) => byField.get(field) ?? headerOf(field);
}

/** Where a bound sheet is, as the workbook remembers it: 1-based header rows, 0-based columns. */
export interface BoundSheet {
  headerTop?: number;
  headerRow: number;
  columns: Readonly<Partial<Record<LedgerField, number>>>;
  labels?: Readonly<Partial<Record<LedgerField, string>>>;
}

/** A bound sheet read by its remembered layout (检查 and 报送): the same reading as 使用当前表's. */
export function readBoundSheet(sheet: SheetCells, plan: Plan, unit: string, bound: BoundSheet): SheetReading {
  return readSheet(sheet, plan, unit, {
    layout: { headerTop: (bound.headerTop ?? bound.headerRow) - 1, headerRow: bound.headerRow - 1, columns: bound.columns, ...(bound.labels ? { labels: bound.labels } : {}) },
  });
}

/** Where each field is in a reading: the columns to remember, or to write to. */
export function columnsOf(reading: Pick<SheetReading, "columns">): Partial<Record<LedgerField, number>> {
  return Object.fromEntries(reading.columns.flatMap((c) => (c.field ? [[c.field, c.index]] : [])));
}

/** Each field's header as the sheet writes it, remembered to find the column again if it moves. */
export function labelsOf(reading: Pick<SheetReading, "columns">): Partial<Record<LedgerField, string>> {
  return Object.fromEntries(reading.columns.flatMap((c) => (c.field ? [[c.field, c.label]] : [])));
}
