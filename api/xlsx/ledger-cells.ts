import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { unescapeFormulaText } from "../../core/sheet/escape";
import type { CellBox, SheetCells } from "../../core/sheet/grid";
import { UsageError } from "../cli/args";

/** Opens an .xlsx for reading; a missing or unreadable file is a usage problem (exit 2), in one line. */
export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    throw new UsageError(`无法打开 ${file}：文件不存在或无法读取`);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new UsageError(`无法打开 ${file}：不是可读取的 .xlsx 文件`);
  }
  return workbook;
}

/** The named worksheet (--sheet), as a usage error when there is none. */
export function namedWorksheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join("、");
    throw new UsageError(`工作簿中没有名为「${name}」的工作表（现有：${names}）`);
  }
  return sheet;
}

/** An exceljs cell value as the plain value Office.js Range.values would give (text, number, Date, null). */
function plain(cell: ExcelJS.Cell): unknown {
  // Office.js gives "" for the hidden cells of a merge; exceljs repeats the master's value. Follow Office.js so
  // a vertically merged 序号 reads as continuation rows in both.
  if (cell.isMerged && cell.master !== cell) return null;
  const value = cell.value;
  if (value === null || value === undefined) return null;
  // exceljs keeps the quote Taizhang's writers put before formula-like text; Office.js would not show it.
  if (typeof value === "string") return unescapeFormulaText(value);
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("richText" in value) return unescapeFormulaText(value.richText.map((run) => run.text).join(""));
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result !== null && typeof result === "object" && !(result instanceof Date) ? null : result ?? null;
  }
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : cell.text;
  if ("error" in value) return null;
  return cell.text;
}

/**
 * The worksheet as core reads it: cells[r][c] is the plain value at row r+1, column c+1, and the merged areas
 * (found from each merged cell's master, so no private exceljs state is read).
 */
export function worksheetCells(sheet: ExcelJS.Worksheet): SheetCells {
  const cells: unknown[][] = [];
  const areas = new Map<string, CellBox>();
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const line: unknown[] = new Array(width);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      line[c - 1] = plain(cell);
      if (!cell.isMerged) continue;
      const master = cell.master;
      const key = master.address;
      const box = areas.get(key) ?? { row: Number(master.row) - 1, col: Number(master.col) - 1, rows: 1, cols: 1 };
      box.rows = Math.max(box.rows, r - box.row);
      box.cols = Math.max(box.cols, c - box.col);
      areas.set(key, box);
    }
    cells.push(line);
  }
  return { name: sheet.name, cells, merges: [...areas.values()].filter((b) => b.rows * b.cols > 1) };
}

/** Every worksheet of the workbook, in order. */
export function workbookSheets(workbook: ExcelJS.Workbook): SheetCells[] {
  return workbook.worksheets.map(worksheetCells);
}
