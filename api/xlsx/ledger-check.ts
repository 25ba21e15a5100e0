import type ExcelJS from "exceljs";
import type { Finding } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import type { IsoDate } from "../../core/schema-kit";
import { headerOf } from "../../core/sheet/columns";
import { readSheet, type SheetReading } from "../../core/sheet/read-sheet";
import { validate } from "../../core/validate/validate";
import { loadWorkbook, pickWorksheet, worksheetCells } from "./ledger-cells";

/** A finding placed on the worksheet: `row` 1-based (null for the sheet), `column` the header text. */
export interface SheetFinding {
  row: number | null;
  column: string | null;
  severity: Finding["severity"];
  code: string;
  message: string;
}

export interface LedgerReport {
  findings: SheetFinding[];
  summary: { rows: number; errors: number; warnings: number };
}

export interface CheckedLedger {
  report: LedgerReport;
  workbook: ExcelJS.Workbook;
  worksheet: ExcelJS.Worksheet;
  reading: SheetReading;
  /** 1-based worksheet column of each finding's cell (undefined: no such column in the sheet). */
  columnNumbers: (number | undefined)[];
}

export interface CheckOptions {
  plan: Plan;
  unit: string;
  today: IsoDate;
  sheet?: string;
}

/** Reads a 台账 .xlsx and checks it against the plan: what `ledger check` prints and marks. */
export async function checkLedgerFile(file: string, options: CheckOptions): Promise<CheckedLedger> {
  const workbook = await loadWorkbook(file);
  const worksheet = pickWorksheet(workbook, options.sheet);
  const reading = readSheet(worksheetCells(worksheet), options.plan, options.unit);
  const sheetRow = (i: number) => reading.rowNumbers[i]! + 1;
  const byField = new Map(reading.columns.filter((c) => c.field).map((c) => [c.field as string, c]));
  const rowFindings = validate(options.plan, options.unit, reading.rows, {
    today: options.today,
    rowLabel: (i) => `第${sheetRow(i)}行`,
    columnLabel: (field) => byField.get(field)?.header ?? headerOf(field),
  });
  const byHeader = new Map(reading.columns.map((c) => [c.header, c]));
  const columnNumbers: (number | undefined)[] = [];
  const findings = [...reading.findings, ...rowFindings].map((f): SheetFinding => {
    const column = f.column === null ? undefined : (byField.get(f.column) ?? byHeader.get(f.column));
    columnNumbers.push(column ? column.index + 1 : undefined);
    return {
      row: f.row === null ? null : sheetRow(f.row),
      column: f.column === null ? null : (column?.header ?? headerOf(f.column)),
      severity: f.severity,
      code: f.code,
      message: f.message,
    };
  });
  const errors = findings.filter((f) => f.severity === "error").length;
  return {
    report: { findings, summary: { rows: reading.rows.length, errors, warnings: findings.length - errors } },
    workbook,
    worksheet,
    reading,
    columnNumbers,
  };
}
