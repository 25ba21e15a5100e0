// 检查's marks: a fill and a comment on each cell a finding is about, replaced wholesale on every check so
// fixed cells lose theirs. Only cells Taizhang marked are ever cleared; the clerk's own comments are left alone.
import { z } from "zod";
import type { Finding } from "../../core/ledger/schema";
import { blockAddress, sheetAddress, splitAddress } from "./cells";
import type { SheetReading } from "../../core/sheet/read-sheet";

export interface CellMark {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  /** 0-based column index. */
  column: number;
  severity: Finding["severity"];
  message: string;
}

export const MARK_FILL: Record<Finding["severity"], string> = { error: "#FFC7CE", warning: "#FFEB9C" };
/** Starts every comment Taizhang writes, so it can tell its own from the clerk's. */
export const MARK_PREFIX = "【台账检查】";
const MARKS_KEY = "taizhang.marks";

/** Where a checked row list sits on the sheet: the sheet row of each row, and the column of each field. */
export interface FindingPlaces {
  sheet: string;
  /** 1-based sheet row of rows[i], for the row index a Finding carries. */
  sheetRows: readonly number[];
  /** 0-based column of each field. */
  columns: Readonly<Partial<Record<string, number>>>;
}

/** Places of the rows core read from a sheet's cells from A1 (validate reading.rows in that order). */
export function placesOfReading(reading: Pick<SheetReading, "sheet" | "rowNumbers" | "columns">): FindingPlaces {
  const columns: Partial<Record<string, number>> = {};
  for (const column of reading.columns) if (column.field) columns[column.field] = column.index;
  return { sheet: reading.sheet, sheetRows: reading.rowNumbers.map((index) => index + 1), columns };
}

/** Where each finding points: a whole-row finding marks the row's first column; sheet-level ones are the pane's. */
export function marksFor(findings: readonly Finding[], places: FindingPlaces): CellMark[] {
  const placed = Object.values(places.columns).filter((c): c is number => c !== undefined);
  const firstColumn = placed.length > 0 ? Math.min(...placed) : 0;
  return findings.flatMap((finding) => {
    const row = finding.row === null ? undefined : places.sheetRows[finding.row];
    if (row === undefined) return [];
    const column = (finding.column === null ? undefined : places.columns[finding.column]) ?? firstColumn;
    return [{ sheet: places.sheet, row, column, severity: finding.severity, message: finding.message }];
  });
}

const Cell = z.object({ sheet: z.string(), row: z.number().int().min(1), column: z.number().int().min(0) });
type Cell = z.infer<typeof Cell>;

/** Cells one above the other become one range: a column of findings is one fill, not one per cell. */
export function cellRuns(cells: readonly Cell[]): Array<Cell & { rows: number }> {
  const sorted = [...cells].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.column - b.column || a.row - b.row);
  const runs: Array<Cell & { rows: number }> = [];
  for (const { sheet, row, column } of sorted) {
    const last = runs.at(-1);
    if (last && last.sheet === sheet && last.column === column && last.row + last.rows === row) last.rows++;
    else runs.push({ sheet, row, column, rows: 1 });
  }
  return runs;
}

/** What the workbook remembers of the last check: the cells it filled. */
const MarkedCells = z.object({ cells: z.array(Cell) });
type MarkedCells = z.infer<typeof MarkedCells>;

function earlierMarks(value: unknown): MarkedCells {
  try {
    const parsed = MarkedCells.safeParse(JSON.parse(String(value)));
    return parsed.success ? parsed.data : { cells: [] };
  } catch {
    return { cells: [] };
  }
}

const cellKey = (sheet: string, row: number, column: number) => sheetAddress(sheet, blockAddress(row, column));

/** Normalises Excel's "'台账 2'!$C$5" and our "'台账 2'!C5" to one key. */
const normalKey = (address: string) => {
  const { sheet, range } = splitAddress(address);
  return sheetAddress(sheet, range.replace(/\$/g, ""));
};

/**
 * Marks exactly these cells and unmarks every cell an earlier check marked that is not among them.
 * Three syncs whatever the count: read the earlier marks and the comments, read where the comments are, write.
 */
export async function markFindings(marks: readonly CellMark[]): Promise<void> {
  const wanted = new Map<string, { sheet: string; row: number; column: number; severity: Finding["severity"]; messages: string[] }>();
  for (const mark of marks) {
    const key = cellKey(mark.sheet, mark.row, mark.column);
    const entry = wanted.get(key) ?? { ...mark, messages: [] };
    if (mark.severity === "error") entry.severity = "error";
    if (!entry.messages.includes(mark.message)) entry.messages.push(mark.message);
    wanted.set(key, entry);
  }

  await Excel.run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(MARKS_KEY);
    setting.load("value");
    const comments = context.workbook.comments;
    comments.load("items/content");
    await context.sync();

    const locations = comments.items.map((comment) => {
      const location = comment.getLocation();
      location.load("address");
      return { comment, location };
    });
    await context.sync();

    const earlier = setting.isNullObject ? { cells: [] } : earlierMarks(setting.value);
    const commented = new Map(locations.map(({ comment, location }) => [normalKey(location.address), comment]));
    const sheets = new Map<string, Excel.Worksheet>();
    const sheetOf = (name: string) => sheets.get(name) ?? sheets.set(name, context.workbook.worksheets.getItem(name)).get(name)!;

    const stale = earlier.cells.filter((cell) => !wanted.has(cellKey(cell.sheet, cell.row, cell.column)));
    for (const run of cellRuns(stale)) sheetOf(run.sheet).getRange(blockAddress(run.row, run.column, run.rows, 1)).format.fill.clear();
    for (const [key, comment] of commented) {
      if (comment.content.startsWith(MARK_PREFIX) && !wanted.has(key)) comment.delete();
    }
    for (const severity of ["warning", "error"] as const) {
      for (const run of cellRuns([...wanted.values()].filter((mark) => mark.severity === severity))) {
        sheetOf(run.sheet).getRange(blockAddress(run.row, run.column, run.rows, 1)).format.fill.color = MARK_FILL[severity];
      }
    }
    for (const [key, mark] of wanted) {
      const content = `${MARK_PREFIX}${mark.messages.join("\n")}`;
      const existing = commented.get(key);
      if (!existing) context.workbook.comments.add(key, content);
      else if (existing.content.startsWith(MARK_PREFIX) && existing.content !== content) existing.content = content;
    }
    const cells = [...wanted.values()].map(({ sheet, row, column }) => ({ sheet, row, column }));
    context.workbook.settings.add(MARKS_KEY, JSON.stringify({ cells } satisfies MarkedCells));
    await context.sync();
  });
}

/** Removes every mark an earlier check left. */
export function clearMarks(): Promise<void> {
  return markFindings([]);
}

/** Clicking a finding: go to its sheet and select its cell. One sync. */
export async function selectCell(sheet: string, row: number, column: number): Promise<void> {
  await Excel.run(async (context) => {
    const worksheet = context.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(blockAddress(row, column)).select();
    await context.sync();
  });
}
