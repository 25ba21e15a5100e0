// The consolidated .xlsx, written with exceljs's streaming writer while the ledgers' Query pages arrive: 汇总台账's
// rows go out as each page is read, the other sheets once the last one is in, so a plan of 1,000 units × 60 rows
// never sits in memory, as data or as a workbook. Every text cell is escaped so no clerk's text becomes a formula.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import {
  CONSOLIDATED_SHEET_NAMES, consolidatedSheetBuilder, type ConsolidatedTotals, type LedgerPart, type SheetCell, type SheetTable,
} from "../../core/merge/sheets";
import type { Plan } from "../../core/plan/schema";
import { escapeFormulaText } from "../../core/sheet/escape";

/** A streaming sheet: typed as exceljs types it, a Worksheet whose rows are committed as they are written. */
type SheetWriter = ExcelJS.Worksheet;

// exceljs looks a cell's style up per cell unless the cell holds a style object it has seen before (it caches by
// identity), so every cell of a column shares one: the look-ups were most of the time a 60,000-row sheet took.
const TEXT_STYLE: Partial<ExcelJS.Style> = Object.freeze({});
const DATE_STYLE: Partial<ExcelJS.Style> = Object.freeze({ numFmt: "yyyy-mm-dd" });

function isoToDate(text: string): Date | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
}

/** A sheet with its header row written; its rows follow through `rowWriter`. */
function openSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, table: Omit<SheetTable, "rows">): SheetWriter {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.header.map((header, i) => ({ header: escapeFormulaText(header), width: table.widths?.[i] ?? 12 }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

function rowWriter(sheet: SheetWriter, table: Omit<SheetTable, "rows">): (cells: SheetCell[]) => void {
  const dates = new Set(table.dateColumns ?? []);
  const styles = table.header.map((_, i) => (dates.has(i) ? DATE_STYLE : TEXT_STYLE));
  return (cells) => {
    const row = sheet.addRow(
      cells.map((value, i) => {
        if (typeof value !== "string") return value;
        // An empty cell is left out, not written as empty text: a third of a ledger's cells, and exceljs's
        // work (and the file) grows with every cell it writes.
        if (value === "") return null;
        return (dates.has(i) && isoToDate(value)) || escapeFormulaText(value);
      }),
    );
    row.eachCell((cell, column) => (cell.style = styles[column - 1]!));
    row.commit();
  };
}

function writeSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, table: SheetTable): void {
  const sheet = openSheet(book, name, table);
  const write = rowWriter(sheet, table);
  for (const cells of table.rows) write(cells);
  sheet.commit();
}

/** Rows written between turns of the event loop (a few milliseconds of exceljs's work). */
const YIELD_EVERY_ROWS = 200;

/**
 * Writes 汇总台账, 任务进度, 单位统计 and 未报送单位 to `out`, reading `pages` (batches of units, in the order the
 * storage keeps them) as it goes; resolves once the file is complete, with what it holds.
 */
export async function writeConsolidatedWorkbook(
  plan: Plan,
  pages: AsyncIterable<{ ledgers: readonly LedgerPart[] }>,
  out: Writable,
): Promise<{ units: number; rows: number }> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = "Taizhang";
  book.title = `${plan.title} 汇总台账`;
  const sheets = consolidatedSheetBuilder(plan);
  const main = openSheet(book, CONSOLIDATED_SHEET_NAMES.consolidated, sheets.consolidated);
  const write = rowWriter(main, sheets.consolidated);
  let written = 0;
  for await (const { ledgers } of pages) {
    for (const cells of sheets.add(ledgers)) {
      write(cells);
      // A turn of the event loop every few milliseconds of writing: without it the next Query page, asked for
      // before this one was handed over, would only go out once the page is written (the database idle
      // meanwhile), and exceljs's rows would pile up in front of the zip's compressor.
      if (++written % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  main.commit();
  const totals = sheets.finish();
  for (const key of Object.keys(totals) as (keyof ConsolidatedTotals)[]) writeSheet(book, CONSOLIDATED_SHEET_NAMES[key], totals[key]);
  await book.commit();
  return { units: sheets.units, rows: sheets.rows };
}
