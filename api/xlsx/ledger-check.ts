import type ExcelJS from "exceljs";
import type { Finding, LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import type { IsoDate } from "../../core/schema-kit";
import { columnLetter } from "../../core/sheet/grid";
import { pickLedgerSheet, type SheetCandidate } from "../../core/sheet/pick-sheet";
import { columnLabels, readSheet, type ColumnHow, type SheetReading } from "../../core/sheet/read-sheet";
import { checkLedger } from "../../core/validate/validate";
import { loadWorkbook, namedWorksheet, workbookSheets, worksheetCells } from "./ledger-cells";

/** A finding placed on the worksheet: `row` 1-based (null for the sheet), `column` the header text. */
export interface SheetFinding {
  row: number | null;
  column: string | null;
  severity: Finding["severity"];
  code: string;
  message: string;
}

/** How one column of the sheet was read. */
export interface ColumnReading {
  /** The column's letter, e.g. "D". */
  column: string;
  header: string;
  /** The ledger field, or null for a column kept but not checked. */
  field: string | null;
  how: ColumnHow | null;
}

export interface LedgerReport {
  /** The worksheet read, and the others with how well their headers read. */
  sheet: string;
  sheets: SheetCandidate[];
  /** 1-based first and last header row; null when no header was found. */
  header: [number, number] | null;
  columns: ColumnReading[];
  findings: SheetFinding[];
  summary: { rows: number; errors: number; warnings: number };
}

export interface CheckedLedger {
  report: LedgerReport;
  workbook: ExcelJS.Workbook;
  worksheet: ExcelJS.Worksheet;
  reading: SheetReading;
  /** Each of the reading's rows in the stored shape (undefined where a cell could not be read). */
  rows: (LedgerRow | undefined)[];
  /** 1-based worksheet column of each finding's cell (undefined: no such column in the sheet). */
  columnNumbers: (number | undefined)[];
}

export interface CheckOptions {
  plan: Plan;
  unit: string;
  today: IsoDate;
  /** The worksheet to read; by default the one whose header reads best. */
  sheet?: string;
}

/** Reads a 台账 .xlsx and checks it against the plan: what `ledger check` prints and marks. */
export async function checkLedgerFile(file: string, options: CheckOptions): Promise<CheckedLedger> {
  return checkWorkbook(await loadWorkbook(file), options);
}

export function checkWorkbook(workbook: ExcelJS.Workbook, options: CheckOptions): CheckedLedger {
  const { plan, unit } = options;
  let reading: SheetReading;
  let sheets: SheetCandidate[];
  if (options.sheet) {
    reading = readSheet(worksheetCells(namedWorksheet(workbook, options.sheet)), plan, unit);
    sheets = [{ name: reading.sheet, score: reading.score, matched: reading.matches.filter((m) => m.taskId).length }];
  } else {
    const picked = pickLedgerSheet(workbookSheets(workbook), plan, unit);
    if (!picked) throw new Error("工作簿中没有工作表");
    ({ reading, candidates: sheets } = picked);
  }
  const worksheet = workbook.getWorksheet(reading.sheet)!;
  const sheetRow = (i: number) => reading.rowNumbers[i]! + 1;
  const labelOf = columnLabels(reading);
  const checked = reading.headerRow < 0
    ? { findings: [] as Finding[], rows: [] }
    : checkLedger(plan, unit, reading.rows, {
        today: options.today,
        rowLabel: (i) => `第${sheetRow(i)}行`,
        columnLabel: labelOf,
        sheet: reading.shape,
      });
  const byField = new Map(reading.columns.filter((c) => c.field).map((c) => [c.field as string, c]));
  const columnNumbers: (number | undefined)[] = [];
  const findings = [...reading.findings, ...checked.findings].map((f): SheetFinding => {
    const column = f.column === null ? undefined : byField.get(f.column);
    columnNumbers.push(column ? column.index + 1 : undefined);
    return {
      row: f.row === null ? null : sheetRow(f.row),
      column: f.column === null ? null : labelOf(f.column),
      severity: f.severity,
      code: f.code,
      message: f.message,
    };
  });
  const errors = findings.filter((f) => f.severity === "error").length;
  return {
    report: {
      sheet: reading.sheet,
      sheets,
      header: reading.headerRow < 0 ? null : [reading.headerTop + 1, reading.headerRow + 1],
      columns: reading.columns.map((c) => ({ column: columnLetter(c.index), header: c.header, field: c.field ?? null, how: c.how ?? null })),
      findings,
      summary: { rows: reading.rows.length, errors, warnings: findings.length - errors },
    },
    workbook,
    worksheet,
    reading,
    rows: checked.rows,
    columnNumbers,
  };
}
