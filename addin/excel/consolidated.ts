// 汇总: the office's four sheets, rewritten in place on every pull (same sheet, same place, new cells).
import { run } from "./run";
import { CONSOLIDATED_SHEET_NAMES, type ConsolidatedSheets, type SheetTable } from "../../core/merge/sheets";
import { blockAddress, cellText, chunkByPayload, isoToSerial, splitAddress, type CellValue } from "./cells";

const CHART_NAME = "单位统计图";
const POINTS_PER_CHARACTER = 6;

function cellsOf(table: SheetTable): { values: CellValue[][]; formats: string[][] } {
  const dates = new Set(table.dateColumns ?? []);
  const values: CellValue[][] = [table.header.map(cellText)];
  const formats: string[][] = [table.header.map(() => "@")];
  for (const row of table.rows) {
    values.push(row.map((v, c) => (typeof v !== "string" ? v : dates.has(c) && /^\d{4}-\d{2}-\d{2}$/.test(v) ? isoToSerial(v) : cellText(v))));
    formats.push(row.map((v, c) => (dates.has(c) ? "yyyy-mm-dd" : typeof v === "string" ? "@" : "General")));
  }
  return { values, formats };
}

/**
 * Writes the four sheets, creating the missing ones and clearing the old cells of the others first; the
 * 单位统计 chart is replaced and 汇总台账 is shown. Three syncs whatever the row count (sheets, chart, write),
 * more only past ~4 MB.
 */
export async function writeConsolidated(data: ConsolidatedSheets): Promise<void> {
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

    const writes: Array<{ write: () => void; full: boolean }> = [];
    for (const { key, sheet: existing, used } of found) {
      const name = CONSOLIDATED_SHEET_NAMES[key];
      const sheet = existing.isNullObject ? context.workbook.worksheets.add(name) : existing;
      if (!existing.isNullObject && !used.isNullObject) sheet.getRange(splitAddress(used.address).range).clear("All");
      const table = data[key];
      const { values, formats } = cellsOf(table);
      const width = table.header.length;
      sheet.getRange(blockAddress(1, 0, 1, width)).format.font.bold = true;
      table.widths?.forEach((w, c) => (sheet.getRange(blockAddress(1, c)).format.columnWidth = w * POINTS_PER_CHARACTER));
      sheet.freezePanes.freezeRows(1);
      // Formats before values, so text such as "1.10" stays text; the values go later, chunked by payload.
      sheet.getRange(blockAddress(1, 0, values.length, width)).numberFormat = formats;
      let row = 1;
      const chunks = chunkByPayload(values);
      chunks.forEach((chunk, i) => {
        const at = row;
        writes.push({ write: () => (sheet.getRange(blockAddress(at, 0, chunk.length, width)).values = chunk), full: i < chunks.length - 1 });
        row += chunk.length;
      });
      // The office pulled to read the merged rows: show them, as Excel does not switch to a sheet it adds.
      if (key === "consolidated") sheet.activate();
      if (key === "unitCounts") {
        if (oldChart && !oldChart.isNullObject) oldChart.delete();
        const source = sheet.getRange(blockAddress(1, 0, Math.max(values.length, 2), data.unitCounts.chartColumns));
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
}
