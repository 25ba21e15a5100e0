// The unit's 台账 as Taizhang writes it, as one model: what each cell holds, each column's format, the title,
// header, drop-down, frozen rows and page setup. exceljs (api/xlsx/ledger-workbook.ts) and Office.js
// (addin/excel/create-ledger.ts, apply-rows.ts) both render exactly this, as core/merge/sheets.ts is for the
// office's sheets, so a row written by either reads back the same (a further row keeps its "（续）").
import { LEDGER_STATUSES, type LedgerRow, type LedgerStatus } from "../ledger/schema";
import { yesNoStatus } from "../ledger/status";
import type { IsoDate } from "../schema-kit";
import { LEDGER_COLUMNS, columnOf, type ColumnKind, type LedgerColumn, type LedgerField } from "./columns";
import { escapeFormulaText } from "./escape";
import type { StatusForm } from "./headers";

/** What one cell holds: text already made inert against formula injection, a calendar date, or nothing. */
export type LedgerCell = { kind: "text"; text: string } | { kind: "date"; date: IsoDate } | { kind: "empty" };

/** How a sheet writes a field where it differs from Taizhang's own words (a unit's 是否完成 column). */
export interface ColumnForms {
  status?: StatusForm;
}

/** Excel number formats per column kind: text stays text ("1.10" must not become 1.1), dates are dates. */
export const NUMBER_FORMAT: Record<ColumnKind, string> = { text: "@", status: "@", date: "yyyy-mm-dd" };

const EMPTY: LedgerCell = { kind: "empty" };
const text = (value: string): LedgerCell => (value === "" ? EMPTY : { kind: "text", text: escapeFormulaText(value) });

/**
 * The status as a 是否完成 column shows it: 是 for 已完成, 否 where 否 reads back as the same status (see
 * yesNoStatus), and the standard word otherwise (a yes/no column accepts those too), so nothing is lost.
 */
function yesNoCell(row: LedgerRow): string {
  const started = Boolean(row.measures || row.progress);
  if (row.status === "已完成") return "是";
  return row.status === yesNoStatus(false, started) ? "否" : row.status;
}

/** The cell for one field of a row. */
export function ledgerCell(row: LedgerRow, field: LedgerField, forms: ColumnForms = {}): LedgerCell {
  const value = row[field];
  if (value === undefined || value === null || value === "") return EMPTY;
  const column = columnOf(field);
  if (column.kind === "date") return { kind: "date", date: String(value) };
  // A further row of a task shows its number as "3（续）", which every reader takes back as a continuation.
  if (field === "no" && row.continuation) return text(`${row.no}（续）`);
  if (field === "status" && forms.status === "yesNo") return text(yesNoCell(row));
  return text(String(value));
}

/** A4 landscape, one page wide, the title, 填报单位 line and header repeated on every page. */
export interface PageSetup {
  paper: "A4";
  orientation: "landscape";
  fitToWidth: number;
  /** 0: as many pages down as the rows need. */
  fitToHeight: number;
  /** 1-based first and last row printed at the top of every page. */
  repeatRows: [number, number];
  /** Inches, as both Excel and exceljs take them. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  horizontalCentered: boolean;
}

export interface LedgerSheetColumn extends LedgerColumn {
  /** Long text wraps in its cell. */
  wrap: boolean;
  numberFormat: string;
}

/** A piece of the 填报单位 / 填报日期 line: its text over 0-based columns first..last (merged, one cell). */
export interface InfoCell {
  text: string;
  first: number;
  last: number;
  align: "left" | "right";
}

export interface LedgerSheetModel {
  /** The worksheet's name, made free by the writer when the workbook already has one (台账 2 …). */
  name: string;
  title: string;
  /** 1-based rows. */
  titleRow: number;
  /** The line under the title, as 附件3's forms have it: 填报单位（盖章）on the left, 填报日期 on the right. */
  infoRow: number;
  info: readonly InfoCell[];
  headerRow: number;
  columns: readonly LedgerSheetColumn[];
  /** One line per ledger row, a cell per column, in `columns` order. */
  rows: LedgerCell[][];
  /**
   * Points per ledger row, so its wrapped text shows whole on screen and on paper. A writer without a layout
   * engine (exceljs) writes them; Excel measures its own fonts (autofit) for the same wrapped cells.
   */
  rowHeights: number[];
  /** Points of the title, 填报单位 and header rows. */
  fixedHeights: { title: number; info: number; header: number };
  /** The status drop-down. */
  statusList: readonly LedgerStatus[];
  /** Rows below the last task that get the drop-down and formats too, for the rows a clerk adds. */
  spareRows: number;
  /** Rows frozen at the top: the title, the 填报单位 line and the header. */
  frozenRows: number;
  /** Thin lines around every cell of the header and the rows: the 台账 is printed, stamped and filed. */
  gridLines: "thin";
  page: PageSetup;
}

export const LEDGER_SHEET_NAME = "台账";
const WRAPPED: ReadonlySet<LedgerField> = new Set(["task", "deadline", "office", "leader", "role", "measures", "progress", "evidence", "note"]);

/**
 * Column widths (Excel characters; a Chinese character is about two) of the 台账 itself: narrow enough that 13
 * columns fit one A4 landscape page wide at about three quarters scale, the long texts wrapping instead.
 */
const SHEET_WIDTHS: Record<LedgerField, number> = {
  no: 6, task: 36, deadline: 16, office: 10, leader: 8, role: 6, measures: 28, progress: 28,
  status: 8, doneOn: 11, triggeredOn: 11, evidence: 14, note: 12,
};

/** Points per line of 11-point text (Chinese glyphs set the line), and the cell's padding (the 汇总 sheets too). */
export const LINE_POINTS = 15;
export const PADDING_POINTS = 3;

/** How many Excel characters wide a text is: a Chinese (or any full-width) character counts two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

/** Lines a text takes in a wrapping cell `width` characters wide (each of its own lines wrapped on its own). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 0.5);
  return text.split(/\r?\n/).reduce((lines, line) => lines + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** The height a row needs for its tallest wrapped cell. */
export function rowHeight(cells: readonly LedgerCell[], columns: readonly LedgerSheetColumn[]): number {
  let lines = 1;
  cells.forEach((cell, i) => {
    const column = columns[i]!;
    if (cell.kind === "text" && column.wrap) lines = Math.max(lines, wrappedLines(cell.text, column.width));
  });
  return lines * LINE_POINTS + PADDING_POINTS;
}

/** The title 附件3 gives the sheet: "××单位政务公开工作任务台账". */
export function ledgerTitle(unit: string): string {
  return `${unit}政务公开工作任务台账`;
}

/** The 填报单位 / 填报日期 line: the unit on the left half, the date left blank to be written and stamped. */
function infoLine(unit: string, width: number): InfoCell[] {
  const half = Math.floor(width / 2);
  return [
    { text: escapeFormulaText(`填报单位（盖章）：${unit}`), first: 0, last: half - 1, align: "left" },
    { text: "填报日期：      年    月    日", first: half, last: width - 1, align: "right" },
  ];
}

export const LEDGER_SHEET_COLUMNS: readonly LedgerSheetColumn[] = LEDGER_COLUMNS.map((column) => ({
  ...column,
  width: SHEET_WIDTHS[column.field],
  wrap: WRAPPED.has(column.field),
  numberFormat: NUMBER_FORMAT[column.kind],
}));

/** The cells of one ledger row in the sheet's column order. */
export function ledgerRowCells(row: LedgerRow, forms: ColumnForms = {}): LedgerCell[] {
  return LEDGER_SHEET_COLUMNS.map((column) => ledgerCell(row, column.field, forms));
}

/** The unit's 台账 laid out like 附件3: the title, the 填报单位 line, the header, one row per ledger row. */
export function ledgerSheetModel(unit: string, rows: readonly LedgerRow[]): LedgerSheetModel {
  const titleRow = 1;
  const infoRow = 2;
  const headerRow = 3;
  const columns = LEDGER_SHEET_COLUMNS;
  const cells = rows.map((row) => ledgerRowCells(row));
  return {
    name: LEDGER_SHEET_NAME,
    title: escapeFormulaText(ledgerTitle(unit)),
    titleRow,
    infoRow,
    info: infoLine(unit, columns.length),
    headerRow,
    columns,
    rows: cells,
    rowHeights: cells.map((line) => rowHeight(line, columns)),
    fixedHeights: { title: 30, info: 20, header: rowHeight(columns.map((c) => ({ kind: "text", text: c.header })), columns) },
    statusList: LEDGER_STATUSES,
    spareRows: 100,
    frozenRows: headerRow,
    gridLines: "thin",
    page: {
      paper: "A4",
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: [titleRow, headerRow],
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      horizontalCentered: true,
    },
  };
}
