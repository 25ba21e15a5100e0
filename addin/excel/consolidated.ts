// 汇总: the office's sheets, rewritten in place on every pull (same sheet, same place, new cells), written page by
// page as the API hands the units over: 汇总台账 grows by one page's rows per request, and the sheets that need
// every unit (任务进度, 单位统计, 考核排名, 未报送单位) are written once the last page is in. Each sheet has its title
// and 截至 line, its header frozen and filtered, and prints landscape, one page wide (core/merge/print.ts); each
// row's fills and height are core/merge/looks.ts's, as in the API's .xlsx, written with the row (a request per
// run of one fill, in the same sync). Columns the office added to 汇总台账 itself are read before the sheet is
// cleared and written back beside the same rows (by row identity).
import { fillRuns, headerHeight, rowHeight } from "../../core/merge/looks";
import { LINE_POINTS, PADDING_POINTS } from "../../core/sheet/ledger-sheet";
import { AS_OF_ROW, FIRST_DATA_ROW, HEADER_ROW, PRINT_SETUP, TITLE_ROW, pageFit, tableRows } from "../../core/merge/print";
import { findOfficeColumns, officeNotes, rowIdentities, type OfficeColumns } from "../../core/merge/office-columns";
import {
  CONSOLIDATED_SHEET_NAMES, type ConsolidatedSheets, type ConsolidatedTotals, type SheetCell, type SheetFrame,
} from "../../core/merge/sheets";
import { blockAddress, cellText, chunkByPayload, columnLetter, isoToSerial, splitAddress, type CellValue } from "./cells";
import { run } from "./run";

const CHART_NAME = "单位统计图";
const POINTS_PER_CHARACTER = 6;
const POINTS_PER_CM = 28.35;
/** Rows read from the top of an old 汇总台账 to find its header. */
const TOP_ROWS = 6;

/** Cell values and their number formats (text stays text, dates are real dates, shares are percentages). */
function cellsOf(rows: readonly SheetCell[][], frame: Pick<SheetFrame, "dateColumns" | "percentColumns">): { values: CellValue[][]; formats: string[][] } {
  const dates = new Set(frame.dateColumns ?? []);
  const percents = new Set(frame.percentColumns ?? []);
  return {
    values: rows.map((row) => row.map((v, c) => (typeof v !== "string" ? v : dates.has(c) && /^\d{4}-\d{2}-\d{2}$/.test(v) ? isoToSerial(v) : cellText(v)))),
    formats: rows.map((row) => row.map((v, c) => (dates.has(c) ? "yyyy-mm-dd" : percents.has(c) && typeof v === "number" ? "0.0%" : typeof v === "string" ? "@" : "General"))),
  };
}

/** Title, 截至 line and header (bold, shaded), column widths (runs of equal widths at once), the header frozen, and how it prints. */
function writeFrame(sheet: Excel.Worksheet, frame: SheetFrame, extraHeaders: readonly string[] = []): void {
  const header = [...frame.header, ...extraHeaders];
  sheet.getRange(blockAddress(TITLE_ROW, 0, 2, 1)).numberFormat = [["@"], ["@"]];
  sheet.getRange(blockAddress(TITLE_ROW, 0, 2, 1)).values = [[cellText(frame.title ?? "")], [cellText(frame.asOf ?? "")]];
  sheet.getRange(blockAddress(TITLE_ROW, 0)).format.font.bold = true;
  sheet.getRange(blockAddress(TITLE_ROW, 0)).format.font.size = 14;
  const head = sheet.getRange(blockAddress(HEADER_ROW, 0, 1, header.length));
  head.numberFormat = [header.map(() => "@")];
  head.values = [header.map(cellText)];
  head.format.font.bold = true;
  head.format.fill.color = "#D9E1F2";
  head.format.wrapText = true;
  head.format.rowHeight = headerHeight(frame);
  const widths = frame.widths ?? [];
  for (let c = 0; c < widths.length; ) {
    let end = c + 1;
    while (end < widths.length && widths[end] === widths[c]) end++;
    sheet.getRange(blockAddress(HEADER_ROW, c, 1, end - c)).format.columnWidth = widths[c]! * POINTS_PER_CHARACTER;
    c = end;
  }
  sheet.freezePanes.freezeRows(HEADER_ROW);
  const layout = sheet.pageLayout;
  layout.orientation = "Landscape";
  layout.paperSize = "A4";
  const fit = pageFit(widths);
  layout.zoom = "scale" in fit ? { scale: fit.scale } : { horizontalFitToPages: fit.fitToWidth, verticalFitToPages: fit.fitToHeight };
  if ("scale" in fit && frame.titleColumns) layout.setPrintTitleColumns(`$A:$${columnLetter(frame.titleColumns - 1)}`);
  layout.leftMargin = PRINT_SETUP.margins.left * POINTS_PER_CM;
  layout.rightMargin = PRINT_SETUP.margins.right * POINTS_PER_CM;
  layout.topMargin = PRINT_SETUP.margins.top * POINTS_PER_CM;
  layout.bottomMargin = PRINT_SETUP.margins.bottom * POINTS_PER_CM;
  layout.setPrintTitleRows(`$${PRINT_SETUP.titleRows.from}:$${PRINT_SETUP.titleRows.to}`);
  layout.headersFooters.defaultForAllPages.centerFooter = "第 &P 页，共 &N 页";
}

/** A request's bytes: a range by address and one format property (Office.js sends each as its own action). */
const LOOK_REQUEST_BYTES = 400;
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/**
 * Syncs before what is queued would pass ~4 MB: Excel on the web refuses a request over 5 MB. A page of rows and
 * its looks stay under it (one sync); only 任务进度 of a very large plan takes more.
 */
function requestBudget(context: Excel.RequestContext): (bytes: number) => Promise<void> {
  let queued = 0;
  return async (bytes) => {
    if (queued > 0 && queued + bytes > MAX_REQUEST_BYTES) {
      await context.sync();
      queued = 0;
    }
    queued += bytes;
  };
}

const payloadBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** Rows' fills (a range per run of one fill) and heights (a range per run of equal heights), from row `at`. */
async function writeRowLooks(sheet: Excel.Worksheet, frame: SheetFrame, rows: readonly SheetCell[][], at: number, spend: (bytes: number) => Promise<void>): Promise<void> {
  if (frame.colours || frame.rowMark) {
    for (let r = 0; r < rows.length; r++) {
      const runs = fillRuns(frame, rows[r]!);
      if (runs.length) await spend(runs.length * LOOK_REQUEST_BYTES);
      for (const run of runs) sheet.getRange(blockAddress(at + r, run.from, 1, run.to - run.from + 1)).format.fill.color = run.fill;
    }
  }
  const heights = rows.map((cells) => rowHeight(frame, cells));
  for (let start = 0; start < heights.length; ) {
    let end = start + 1;
    while (end < heights.length && heights[end] === heights[start]) end++;
    await spend(LOOK_REQUEST_BYTES);
    sheet.getRange(blockAddress(at + start, 0, end - start, 1)).format.rowHeight = heights[start]!;
    start = end;
  }
}

/** Wrapping and the filter, once the sheet's row count is known: a few requests whatever it is. */
function writeLooks(sheet: Excel.Worksheet, frame: SheetFrame, dataRows: number, width: number): void {
  const rows = tableRows(dataRows);
  const count = Math.max(dataRows, 1);
  sheet.getRange(blockAddress(FIRST_DATA_ROW, 0, count, width)).format.verticalAlignment = "Top";
  for (const c of frame.wrapColumns ?? []) sheet.getRange(blockAddress(FIRST_DATA_ROW, c, count, 1)).format.wrapText = true;
  for (const c of frame.centred ?? []) sheet.getRange(blockAddress(FIRST_DATA_ROW, c, count, 1)).format.horizontalAlignment = "Center";
  if (frame.filter) sheet.autoFilter.apply(sheet.getRange(blockAddress(rows.from, 0, rows.to - rows.from + 1, width)));
}

export interface ConsolidatedWriter {
  /** 汇总台账's next rows, below those written before, with the office's own cells beside them: one sync (none for no rows). */
  append(rows: SheetCell[][]): Promise<void>;
  /** 汇总台账's looks, then 任务进度, 单位统计 with its chart, 考核排名 and 未报送单位: one sync, more only past ~4 MB. */
  finish(totals: ConsolidatedTotals): Promise<void>;
}

/**
 * Starts a pull: reads the office's own columns of the old 汇总台账, creates the sheets that are missing and clears
 * the others (the old chart and filters too), writes 汇总台账's title and header and shows that sheet, so the
 * office watches it fill. Three syncs (find the sheets; the old chart and header; write), a fourth to read the
 * office's columns when it has some.
 */
export async function startConsolidated(frame: SheetFrame): Promise<ConsolidatedWriter> {
  const keys = Object.keys(CONSOLIDATED_SHEET_NAMES) as Array<keyof ConsolidatedSheets>;
  let office: { columns: OfficeColumns; notes: Map<string, SheetCell[]> } | undefined;
  await run(async (context) => {
    const found = keys.map((key) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(CONSOLIDATED_SHEET_NAMES[key]);
      const used = sheet.getUsedRangeOrNullObject();
      used.load("address, rowCount, columnCount, rowIndex, columnIndex");
      return { key, sheet, used };
    });
    await context.sync();

    const main = found.find((f) => f.key === "consolidated")!;
    const statsSheet = found.find((f) => f.key === "unitCounts")!.sheet;
    // A sync is all isNullObject needs; nothing of the chart is read.
    const oldChart = statsSheet.isNullObject ? undefined : statsSheet.charts.getItemOrNullObject(CHART_NAME);
    const mainUsed = main.sheet.isNullObject || main.used.isNullObject ? undefined : main.used;
    const usedColumns = mainUsed ? mainUsed.columnIndex + mainUsed.columnCount : 0;
    const usedRows = mainUsed ? mainUsed.rowIndex + mainUsed.rowCount : 0;
    const top = mainUsed ? main.sheet.getRangeByIndexes(0, 0, Math.min(TOP_ROWS, usedRows), usedColumns) : undefined;
    top?.load("values");
    await context.sync();

    const columns = top ? findOfficeColumns(top.values as CellValue[][], frame.header) : undefined;
    if (columns && usedRows > columns.headerRow + 1) {
      // Only the columns a row's identity needs and the office's own: a few cells per row, one request.
      const first = columns.headerRow + 1;
      const parts = [columns.unitColumn, columns.noColumn, ...columns.columns].map((c) => {
        const range = main.sheet.getRangeByIndexes(first, c, usedRows - first, 1);
        range.load("values");
        return range;
      });
      await context.sync();
      const rows = parts[0]!.values.map((_, r) => parts.map((p) => p.values[r]![0] as CellValue));
      office = { columns, notes: officeNotes(rows) };
    } else if (columns) office = { columns, notes: new Map() };

    for (const { key, sheet: existing, used } of found) {
      const sheet = existing.isNullObject ? context.workbook.worksheets.add(CONSOLIDATED_SHEET_NAMES[key]) : existing;
      if (!existing.isNullObject) {
        sheet.autoFilter.remove();
        if (!used.isNullObject) {
          const range = sheet.getRange(splitAddress(used.address).range);
          // Conditional formats were how earlier versions coloured these sheets.
          range.conditionalFormats.clearAll();
          range.clear("All");
          range.format.rowHeight = LINE_POINTS + PADDING_POINTS;
        }
      }
      if (key !== "consolidated") continue;
      writeFrame(sheet, frame, office?.columns.headers);
      // Excel does not switch to a sheet it adds; the office pulled to see the merged rows.
      sheet.activate();
    }
    if (oldChart && !oldChart.isNullObject) oldChart.delete();
    await context.sync();
  });

  let nextRow = FIRST_DATA_ROW;
  const identity = rowIdentities();
  const unitAt = frame.header.indexOf("单位");
  const noAt = frame.header.indexOf("序号");
  return {
    async append(rows) {
      if (rows.length === 0) return;
      const at = nextRow;
      nextRow += rows.length;
      const { values, formats } = cellsOf(rows, frame);
      // The office's own cells for these rows, by identity, whatever moved around them.
      const notes = office && rows.map((row) => office!.notes.get(identity(String(row[unitAt]), String(row[noAt]))) ?? office!.columns.headers.map(() => ""));
      await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(CONSOLIDATED_SHEET_NAMES.consolidated);
        // Formats before values, so text such as "1.10" stays text. The API keeps a page under 2 MB, so the
        // request stays under Excel on the web's 5 MB.
        const range = sheet.getRange(blockAddress(at, 0, rows.length, frame.header.length));
        range.numberFormat = formats;
        range.values = values;
        if (notes) sheet.getRange(blockAddress(at, frame.header.length, rows.length, notes[0]!.length)).values = notes.map((line) => line.map((v) => (typeof v === "string" ? cellText(v) : v)));
        const spend = requestBudget(context);
        await spend(payloadBytes(values) + payloadBytes(notes ?? []));
        await writeRowLooks(sheet, frame, rows, at, spend);
        await context.sync();
      });
    },

    async finish(totals) {
      await run(async (context) => {
        const main = context.workbook.worksheets.getItem(CONSOLIDATED_SHEET_NAMES.consolidated);
        writeLooks(main, frame, nextRow - FIRST_DATA_ROW, frame.header.length + (office?.columns.headers.length ?? 0));
        const spend = requestBudget(context);
        for (const key of Object.keys(totals) as Array<keyof ConsolidatedTotals>) {
          const sheet = context.workbook.worksheets.getItem(CONSOLIDATED_SHEET_NAMES[key]);
          const table = totals[key];
          const width = table.header.length;
          writeFrame(sheet, table);
          if (table.rows.length) {
            const { values, formats } = cellsOf(table.rows, table);
            sheet.getRange(blockAddress(FIRST_DATA_ROW, 0, values.length, width)).numberFormat = formats;
            let row = FIRST_DATA_ROW;
            for (const chunk of chunkByPayload(values)) {
              // A full ~4 MB chunk goes in a request of its own.
              await spend(payloadBytes(chunk));
              sheet.getRange(blockAddress(row, 0, chunk.length, width)).values = chunk;
              row += chunk.length;
            }
          }
          await writeRowLooks(sheet, table, table.rows, FIRST_DATA_ROW, spend);
          writeLooks(sheet, table, table.rows.length, width);
          if (key === "unitCounts") {
            // 完成率 by unit: what the office asks first, not a bar of every status dominated by 未开始.
            const source = sheet.getRange(blockAddress(HEADER_ROW, 0, Math.max(table.rows.length + 1, 2), totals.unitCounts.chartColumns));
            const chart = sheet.charts.add("BarClustered", source, "Columns");
            chart.name = CHART_NAME;
            chart.title.text = "各单位任务完成率";
            chart.legend.visible = false;
            chart.setPosition(blockAddress(HEADER_ROW, width + 1), blockAddress(HEADER_ROW + 24, width + 9));
          }
        }
        await context.sync();
      });
    },
  };
}
