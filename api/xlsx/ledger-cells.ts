import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
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

/** The named worksheet, or the first one. */
export function pickWorksheet(workbook: ExcelJS.Workbook, name?: string): ExcelJS.Worksheet {
  const sheet = name ? workbook.getWorksheet(name) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join("、");
    throw new UsageError(name ? `工作簿中没有名为「${name}」的工作表（现有：${names}）` : "工作簿中没有工作表");
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
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result !== null && typeof result === "object" && !(result instanceof Date) ? null : result ?? null;
  }
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : cell.text;
  if ("error" in value) return null;
  return cell.text;
}

/** The worksheet as rows of plain values: cells[r][c] is the cell at row r+1, column c+1. */
export function worksheetCells(sheet: ExcelJS.Worksheet): unknown[][] {
  const cells: unknown[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const line: unknown[] = new Array(width);
    for (let c = 1; c <= width; c++) line[c - 1] = plain(row.getCell(c));
    cells.push(line);
  }
  return cells;
}
