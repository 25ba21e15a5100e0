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

/** A4 landscape, one page wide, the header rows repeated on every page. */
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
}

export interface LedgerSheetColumn extends LedgerColumn {
  /** Long text wraps in its cell. */
  wrap: boolean;
  numberFormat: string;
}

export interface LedgerSheetModel {
  /** The worksheet's name, made free by the writer when the workbook already has one (台账 2 …). */
  name: string;
  title: string;
  /** 1-based rows. */
  titleRow: number;
  headerRow: number;
  columns: readonly LedgerSheetColumn[];
  /** One line per ledger row, a cell per column, in `columns` order. */
  rows: LedgerCell[][];
  /** The status drop-down. */
  statusList: readonly LedgerStatus[];
  /** Rows below the last task that get the drop-down and formats too, for the rows a clerk adds. */
  spareRows: number;
  /** Rows frozen at the top: the title and the header. */
  frozenRows: number;
  page: PageSetup;
}

export const LEDGER_SHEET_NAME = "台账";
const WRAPPED: ReadonlySet<LedgerField> = new Set(["task", "deadline", "measures", "progress", "evidence", "note"]);

/** The title 附件3 gives the sheet: "××单位政务公开工作任务台账". */
export function ledgerTitle(unit: string): string {
  return `${unit}政务公开工作任务台账`;
}

/** The unit's 台账 laid out like 附件3: the title over the header, one row per ledger row. */
export function ledgerSheetModel(unit: string, rows: readonly LedgerRow[]): LedgerSheetModel {
  const titleRow = 1;
  const headerRow = 2;
  return {
    name: LEDGER_SHEET_NAME,
    title: escapeFormulaText(ledgerTitle(unit)),
    titleRow,
    headerRow,
    columns: LEDGER_COLUMNS.map((column) => ({ ...column, wrap: WRAPPED.has(column.field), numberFormat: NUMBER_FORMAT[column.kind] })),
    rows: rows.map((row) => LEDGER_COLUMNS.map((column) => ledgerCell(row, column.field))),
    statusList: LEDGER_STATUSES,
    spareRows: 100,
    frozenRows: headerRow,
    page: {
      paper: "A4",
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: [headerRow, headerRow],
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  };
}
