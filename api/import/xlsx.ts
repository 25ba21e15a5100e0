// Excel (.xlsx) through exceljs: every sheet as rows of cells, merged areas as spans, formulas as their values,
// dates as 2024年5月31日 text, so core's one table reader reads a 分解表 kept in Excel.
import ExcelJS from "exceljs";
import type { SheetSource } from "../../core/plan/import";
import type { SpanCell } from "../../core/plan/import/table/model";
import { unescapeFormulaText } from "../../core/sheet/escape";

/** Rows read per sheet: a 分解表 has dozens; a sheet of a million rows is not one and is cut. */
const MAX_ROWS = 20_000;
const MAX_COLUMNS = 64;

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return `${value.getUTCFullYear()}年${value.getUTCMonth() + 1}月${value.getUTCDate()}日`;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((run) => run.text).join("");
    if ("result" in value) return text(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
    return "";
  }
  return unescapeFormulaText(String(value));
}

export async function xlsxToSheets(bytes: Uint8Array): Promise<SheetSource[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets: SheetSource[] = [];
  workbook.eachSheet((worksheet) => {
    if (worksheet.state && worksheet.state !== "visible") return;
    // "A4:A6" → the master cell spans 3 rows; the cells it covers are left out, as in an HTML table.
    const spans = new Map<string, { rowspan: number; colspan: number }>();
    const covered = new Set<string>();
    const merges: string[] = ((worksheet as unknown as { model: { merges?: string[] } }).model.merges ?? []);
    for (const range of merges) {
      const [from, to = from] = range.split(":") as [string, string?];
      const a = worksheet.getCell(from);
      const b = worksheet.getCell(to!);
      const top = Number(a.row), left = Number(a.col), bottom = Number(b.row), right = Number(b.col);
      spans.set(`${top},${left}`, { rowspan: bottom - top + 1, colspan: right - left + 1 });
      for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) if (r !== top || c !== left) covered.add(`${r},${c}`);
    }
    const rows: SheetSource["rows"] = [];
    const last = Math.min(worksheet.rowCount, MAX_ROWS);
    const width = Math.min(worksheet.columnCount, MAX_COLUMNS);
    for (let r = 1; r <= last; r++) {
      const row = worksheet.getRow(r);
      const cells: SpanCell[] = [];
      for (let c = 1; c <= width; c++) {
        if (covered.has(`${r},${c}`)) continue;
        const span = spans.get(`${r},${c}`);
        cells.push({ text: text(row.getCell(c).value), ...(span ? span : {}) });
      }
      rows.push({ cells, line: r });
    }
    sheets.push({ name: worksheet.name, rows });
  });
  return sheets;
}
