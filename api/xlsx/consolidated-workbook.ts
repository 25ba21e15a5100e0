// The consolidated .xlsx, written with exceljs's streaming writer while the ledgers' Query pages arrive: 汇总台账's
// rows go out as each page is read, the other sheets once the last one is in, so a plan of 1,000 units × 60 rows
// never sits in memory, as data or as a workbook. Every text cell is escaped so no clerk's text becomes a formula.
// The sheets are core/merge/sheets.ts's tables, laid out and printed as core/merge/print.ts says, each row's
// fills and height as core/merge/looks.ts decides them (the pane writes the same).
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { cellFills, headerHeight, rowHeight } from "../../core/merge/looks";
import { AS_OF_ROW, HEADER_ROW, PRINT_SETUP, TITLE_ROW, pageFit, tableRows } from "../../core/merge/print";
import {
  CONSOLIDATED_SHEET_NAMES, consolidatedSheetBuilder, type ConsolidatedOptions, type ConsolidatedTotals, type LedgerPart, type SheetCell,
  type SheetFrame, type SheetTable,
} from "../../core/merge/sheets";
import type { Plan } from "../../core/plan/schema";
import { escapeFormulaText } from "../../core/sheet/escape";
import { columnLetter } from "../../core/sheet/grid";

/** A streaming sheet: typed as exceljs types it, a Worksheet whose rows are committed as they are written. */
type SheetWriter = ExcelJS.Worksheet;

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;
const CM_PER_INCH = 2.54;

function isoToDate(text: string): Date | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
}

/**
 * One style object per column and fill: exceljs looks a cell's style up per cell unless the cell holds a style
 * object it has seen before (it caches by identity); the look-ups were most of the time a 60,000-row sheet took.
 */
function columnStyles(frame: SheetFrame): (column: number, fill: string | undefined) => Partial<ExcelJS.Style> {
  const dates = new Set(frame.dateColumns ?? []);
  const percents = new Set(frame.percentColumns ?? []);
  const wraps = new Set(frame.wrapColumns ?? []);
  const centred = new Set(frame.centred ?? []);
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  return (i, fill) => {
    const key = `${i}|${fill ?? ""}`;
    let style = styles.get(key);
    if (!style) {
      style = Object.freeze({
        ...(dates.has(i) ? { numFmt: "yyyy-mm-dd" } : percents.has(i) ? { numFmt: "0.0%" } : {}),
        alignment: { vertical: "top" as const, ...(wraps.has(i) ? { wrapText: true } : {}), ...(centred.has(i) ? { horizontal: "center" as const } : {}) },
        ...(fill ? { fill: { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: argb(fill) } } } : {}),
      });
      styles.set(key, style);
    }
    return style;
  };
}

/** A sheet with its title, 截至 line and header written, set up to print; its rows follow through `rowWriter`. */
function openSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, frame: SheetFrame): SheetWriter {
  const { margins } = PRINT_SETUP;
  const fit = pageFit(frame.widths ?? []);
  const sheet = book.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
    pageSetup: {
      orientation: PRINT_SETUP.orientation,
      paperSize: 9, // A4
      ...("scale" in fit ? { fitToPage: false, scale: fit.scale } : { fitToPage: true, fitToWidth: fit.fitToWidth, fitToHeight: fit.fitToHeight }),
      printTitlesRow: `${PRINT_SETUP.titleRows.from}:${PRINT_SETUP.titleRows.to}`,
      ...("scale" in fit && frame.titleColumns ? { printTitlesColumn: `A:${columnLetter(frame.titleColumns - 1)}` } : {}),
      margins: { left: margins.left / CM_PER_INCH, right: margins.right / CM_PER_INCH, top: margins.top / CM_PER_INCH, bottom: margins.bottom / CM_PER_INCH, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&C第 &P 页，共 &N 页" },
  });
  sheet.columns = frame.header.map((_, i) => ({ width: frame.widths?.[i] ?? 12 }));
  const title = sheet.getRow(TITLE_ROW);
  title.getCell(1).value = escapeFormulaText(frame.title ?? "");
  title.font = { bold: true, size: 14 };
  title.commit();
  const asOf = sheet.getRow(AS_OF_ROW);
  asOf.getCell(1).value = escapeFormulaText(frame.asOf ?? "");
  asOf.commit();
  const header = sheet.getRow(HEADER_ROW);
  frame.header.forEach((text, i) => (header.getCell(i + 1).value = escapeFormulaText(text)));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  header.height = headerHeight(frame);
  header.eachCell((cell) => (cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb("#D9E1F2") } }));
  header.commit();
  return sheet;
}

function rowWriter(sheet: SheetWriter, frame: SheetFrame): (cells: SheetCell[]) => void {
  const dates = new Set(frame.dateColumns ?? []);
  const styleOf = columnStyles(frame);
  const coloured = Boolean(frame.colours || frame.rowMark);
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
    const fills = coloured ? cellFills(frame, cells) : undefined;
    // A coloured cell is written even when empty (an overdue row is filled across).
    if (fills) fills.forEach((fill, i) => fill && (row.getCell(i + 1).style = styleOf(i, fill)));
    row.eachCell((cell, column) => (cell.style = styleOf(column - 1, fills?.[column - 1])));
    row.height = rowHeight(frame, cells);
    row.commit();
  };
}

/** The filter once the sheet's rows are all written. */
function closeSheet(sheet: SheetWriter, frame: SheetFrame, dataRows: number): void {
  const rows = tableRows(dataRows);
  if (frame.filter) sheet.autoFilter = `A${rows.from}:${columnLetter(frame.header.length - 1)}${rows.to}`;
  sheet.commit();
}

function writeSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, table: SheetTable): void {
  const sheet = openSheet(book, name, table);
  const write = rowWriter(sheet, table);
  for (const cells of table.rows) write(cells);
  closeSheet(sheet, table, table.rows.length);
}

/** Rows written between turns of the event loop (a few milliseconds of exceljs's work). */
const YIELD_EVERY_ROWS = 200;

/**
 * Writes 汇总台账, 任务进度, 单位统计, 考核排名 and 未报送单位 to `out`, reading `pages` (batches of units, in the order
 * the storage keeps them) as it goes; resolves once the file is complete, with what it holds.
 */
export async function writeConsolidatedWorkbook(
  plan: Plan,
  options: ConsolidatedOptions,
  pages: AsyncIterable<{ ledgers: readonly LedgerPart[] }>,
  out: Writable,
): Promise<{ units: number; rows: number }> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = "Taizhang";
  book.title = `${plan.title} 汇总台账`;
  const sheets = consolidatedSheetBuilder(plan, options);
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
  closeSheet(main, sheets.consolidated, written);
  const totals = sheets.finish();
  for (const key of Object.keys(totals) as (keyof ConsolidatedTotals)[]) writeSheet(book, CONSOLIDATED_SHEET_NAMES[key], totals[key]);
  await book.commit();
  return { units: sheets.units, rows: sheets.rows };
}
