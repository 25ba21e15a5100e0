// 汇总: the office's four sheets, rewritten in place on every pull (same sheet, same place, new cells), written
// page by page as the API hands the units over: 汇总台账 grows by one page's rows per request, and the sheets that
// need every unit (任务进度, 单位统计, 未报送单位) are written once the last page is in.
import { run } from "./run";
import {
  CONSOLIDATED_SHEET_NAMES, type ConsolidatedSheets, type ConsolidatedTotals, type SheetCell, type SheetTable,
} from "../../core/merge/sheets";
import { blockAddress, cellText, chunkByPayload, isoToSerial, splitAddress, type CellValue } from "./cells";

const CHART_NAME = "单位统计图";
const POINTS_PER_CHARACTER = 6;

/** Cell values and their number formats (text stays text, dates are real dates). */
function cellsOf(rows: readonly SheetCell[][], dateColumns: readonly number[] = []): { values: CellValue[][]; formats: string[][] } {
  const dates = new Set(dateColumns);
  return {
    values: rows.map((row) => row.map((v, c) => (typeof v !== "string" ? v : dates.has(c) && /^\d{4}-\d{2}-\d{2}$/.test(v) ? isoToSerial(v) : cellText(v)))),
    formats: rows.map((row) => row.map((v, c) => (dates.has(c) ? "yyyy-mm-dd" : typeof v === "string" ? "@" : "General"))),
  };
}

/** Header in bold, column widths (runs of equal widths set at once), the header row frozen. */
function writeFrame(sheet: Excel.Worksheet, table: Omit<SheetTable, "rows">): void {
  const width = table.header.length;
  sheet.getRange(blockAddress(1, 0, 1, width)).format.font.bold = true;
  const widths = table.widths ?? [];
  for (let c = 0; c < widths.length; ) {
    let end = c + 1;
    while (end < widths.length && widths[end] === widths[c]) end++;
    sheet.getRange(blockAddress(1, c, 1, end - c)).format.columnWidth = widths[c]! * POINTS_PER_CHARACTER;
    c = end;
  }
  sheet.freezePanes.freezeRows(1);
}

export interface ConsolidatedWriter {
  /** 汇总台账's next rows, below those written before: one sync (none for no rows). */
  append(rows: SheetCell[][]): Promise<void>;
  /** 任务进度, 单位统计 with its chart, and 未报送单位: one sync, more only past ~4 MB. */
  finish(totals: ConsolidatedTotals): Promise<void>;
}

/**
 * Starts a pull: creates the four sheets that are missing and clears the others (the old chart too), writes
 * 汇总台账's header and shows that sheet, so the office watches it fill. Three syncs: find the sheets, find the
 * old chart, write.
 */
export async function startConsolidated(consolidated: Omit<SheetTable, "rows">): Promise<ConsolidatedWriter> {
  await run(async (context) => {
    const keys = Object.keys(CONSOLIDATED_SHEET_NAMES) as Array<keyof ConsolidatedSheets>;
    const found = keys.map((key) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(CONSOLIDATED_SHEET_NAMES[key]);
      const used = sheet.getUsedRangeOrNullObject();
      used.load("address");
      return { key, sheet, used };
    });
    await context.sync();

    const statsSheet = found.find((f) => f.key === "unitCounts")!.sheet;
    // A sync is all isNullObject needs; nothing of the chart is read.
    const oldChart = statsSheet.isNullObject ? undefined : statsSheet.charts.getItemOrNullObject(CHART_NAME);
    await context.sync();

    for (const { key, sheet: existing, used } of found) {
      const sheet = existing.isNullObject ? context.workbook.worksheets.add(CONSOLIDATED_SHEET_NAMES[key]) : existing;
      if (!existing.isNullObject && !used.isNullObject) sheet.getRange(splitAddress(used.address).range).clear("All");
      if (key !== "consolidated") continue;
      writeFrame(sheet, consolidated);
      sheet.getRange(blockAddress(1, 0, 1, consolidated.header.length)).numberFormat = [consolidated.header.map(() => "@")];
      sheet.getRange(blockAddress(1, 0, 1, consolidated.header.length)).values = [consolidated.header.map(cellText)];
      // Excel does not switch to a sheet it adds; the office pulled to see the merged rows.
      sheet.activate();
    }
    if (oldChart && !oldChart.isNullObject) oldChart.delete();
    await context.sync();
  });

  let nextRow = 2;
  return {
    async append(rows) {
      if (rows.length === 0) return;
      const at = nextRow;
      nextRow += rows.length;
      const { values, formats } = cellsOf(rows, consolidated.dateColumns);
      await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(CONSOLIDATED_SHEET_NAMES.consolidated);
        // Formats before values, so text such as "1.10" stays text. The API keeps a page under 2 MB, so the
        // request stays under Excel on the web's 5 MB.
        const range = sheet.getRange(blockAddress(at, 0, rows.length, consolidated.header.length));
        range.numberFormat = formats;
        range.values = values;
        await context.sync();
      });
    },

    async finish(totals) {
      await run(async (context) => {
        const writes: Array<{ write: () => void; full: boolean }> = [];
        for (const key of Object.keys(totals) as Array<keyof ConsolidatedTotals>) {
          const sheet = context.workbook.worksheets.getItem(CONSOLIDATED_SHEET_NAMES[key]);
          const table = totals[key];
          const width = table.header.length;
          const { values, formats } = cellsOf([table.header, ...table.rows], table.dateColumns);
          formats[0] = table.header.map(() => "@");
          writeFrame(sheet, table);
          sheet.getRange(blockAddress(1, 0, values.length, width)).numberFormat = formats;
          let row = 1;
          const chunks = chunkByPayload(values);
          chunks.forEach((chunk, i) => {
            const at = row;
            writes.push({ write: () => (sheet.getRange(blockAddress(at, 0, chunk.length, width)).values = chunk), full: i < chunks.length - 1 });
            row += chunk.length;
          });
          if (key === "unitCounts") {
            const source = sheet.getRange(blockAddress(1, 0, Math.max(values.length, 2), totals.unitCounts.chartColumns));
            const chart = sheet.charts.add("ColumnStacked", source, "Columns");
            chart.name = CHART_NAME;
            chart.title.text = "各单位任务完成情况";
            chart.setPosition(blockAddress(1, width + 1), blockAddress(20, width + 9));
          }
        }
        // A full ~4 MB chunk goes in a request of its own: Excel on the web rejects requests over 5 MB.
        for (const { write, full } of writes) {
          write();
          if (full) await context.sync();
        }
        await context.sync();
      });
    },
  };
}
