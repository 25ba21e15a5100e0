// What Taizhang says on the sheet: 检查's findings and the office's 通过 / 退回, each a fill on its cell and, where
// Excel has notes, a note with the words. Each kind is replaced wholesale when it is said again, so a fixed cell
// loses its mark; only cells Taizhang marked are ever cleared.
//
// Where the words go, with the ExcelApi sets in mind:
// - The pane always lists every message, and clicking one selects its cell: that works on every Excel.
// - Every Excel gets the fill (ExcelApi 1.1), so the cell stands out on screen and on paper.
// - Where Excel has notes (ExcelApi 1.18: Microsoft 365 and Excel on the web), the words are also a note on the
//   cell. A note is plain text that anyone may edit or delete, with no thread and no notification: the right
//   kind of thing for a machine's remark, and it stays with the file when it is mailed or printed.
// - Threaded comments (workbook.comments, ExcelApi 1.10) are never written. They are a conversation between
//   people, posted under the Office account of whoever runs the add-in (检查 would speak as the clerk) and
//   announced to co-authors; only their author may edit one, so a 检查 comment posted by a colleague could not be
//   rewritten (and would fail the whole batch); and a cell that holds a note cannot take one.
// A cell that already carries someone's note, or any threaded comment, is left as it is: its fill and the pane
// still say what is wrong there.
import { z } from "zod";
import { chinaTime } from "../../core/dates";
import type { Finding, RowReview } from "../../core/ledger/schema";
import type { SheetReading } from "../../core/sheet/read-sheet";
import { blockAddress, sheetAddress, splitAddress } from "./cells";
import { notesSupported } from "./requirements";
import { run } from "./run";

/** What a mark says about its cell, worst first: it decides the fill when two marks share a cell. */
export const MARK_LEVELS = ["error", "returned", "warning", "passed"] as const;
export type MarkLevel = (typeof MARK_LEVELS)[number];
/** 检查 marks its findings; the office's review marks the row's first cell. */
export type MarkKind = "check" | "review";

export interface CellMark {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  /** 0-based column index. */
  column: number;
  level: MarkLevel;
  message: string;
}

export const MARK_FILL: Record<MarkLevel, string> = { error: "#FFC7CE", returned: "#F8CBAD", warning: "#FFEB9C", passed: "#C6EFCE" };
/** Starts each line Taizhang writes into a note, so it can tell its own notes from the clerk's. */
export const NOTE_PREFIX: Record<MarkKind, string> = { check: "【台账检查】", review: "【办公室审核】" };
const OURS = new RegExp(`^(?:${Object.values(NOTE_PREFIX).join("|")})`);
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

const firstColumnOf = (places: FindingPlaces) => {
  const placed = Object.values(places.columns).filter((c): c is number => c !== undefined);
  return places.columns.no ?? (placed.length > 0 ? Math.min(...placed) : 0);
};

/** Where each finding points: a whole-row finding marks the row's first column; sheet-level ones are the pane's. */
export function marksFor(findings: readonly Finding[], places: FindingPlaces): CellMark[] {
  const firstColumn = firstColumnOf(places);
  return findings.flatMap((finding) => {
    const row = finding.row === null ? undefined : places.sheetRows[finding.row];
    if (row === undefined) return [];
    const column = (finding.column === null ? undefined : places.columns[finding.column]) ?? firstColumn;
    return [{ sheet: places.sheet, row, column, level: finding.severity, message: finding.message }];
  });
}

/** The office's verdict on the first cell of each reviewed row (`rows[i]` of the reading; reviews by row index). */
export function reviewMarks(reviews: ReadonlyArray<{ row: number; review: RowReview }>, places: FindingPlaces): CellMark[] {
  const column = firstColumnOf(places);
  return reviews.flatMap(({ row, review }) => {
    const sheetRow = places.sheetRows[row];
    if (sheetRow === undefined) return [];
    const said = review.comment.trim() ? `：${review.comment.trim()}` : "";
    return [{ sheet: places.sheet, row: sheetRow, column, level: review.verdict === "退回" ? "returned" : "passed", message: `${review.verdict}${said}（${review.by}，${chinaTime(review.at)}）` }];
  });
}

const StoredMark = z.object({
  sheet: z.string(),
  row: z.number().int().min(1),
  column: z.number().int().min(0),
  kind: z.enum(["check", "review"]),
  level: z.enum(MARK_LEVELS),
  message: z.string(),
});
type StoredMark = z.infer<typeof StoredMark>;
/**
 * Reviews the clerk answered by changing the row and 报送 it: row key → the review's time. Such a review is no
 * longer shown; a newer one from the office (another time) is.
 */
export const Answered = z.record(z.string(), z.string());
export type Answered = z.infer<typeof Answered>;

/** What the workbook remembers of the marks it carries (so the next check knows what to clear), and the answered reviews. */
const StoredMarks = z.object({ marks: z.array(StoredMark), answered: Answered.optional() });
type StoredMarks = z.infer<typeof StoredMarks>;

function storedMarks(value: unknown): StoredMarks {
  try {
    const parsed = StoredMarks.safeParse(typeof value === "string" ? JSON.parse(value) : value);
    return parsed.success ? parsed.data : { marks: [] };
  } catch {
    return { marks: [] };
  }
}

/** Queues the read of the answered reviews; known after the caller's next sync. */
export function queueAnsweredRead(context: Excel.RequestContext): () => Answered {
  const setting = context.workbook.settings.getItemOrNullObject(MARKS_KEY);
  setting.load("value");
  return () => (setting.isNullObject ? {} : storedMarks(setting.value).answered ?? {});
}

const cellKey = (sheet: string, row: number, column: number) => sheetAddress(sheet, blockAddress(row, column));

/** Normalises Excel's "'台账 2'!$C$5" and our "'台账 2'!C5" to one key. */
const normalKey = (address: string) => {
  const { sheet, range } = splitAddress(address);
  return sheetAddress(sheet, range.replace(/\$/g, ""));
};

interface Cell {
  sheet: string;
  row: number;
  column: number;
  level: MarkLevel;
  /** The note: one line per message, each starting with its kind's prefix. */
  note: string;
}

/** The marks on each cell: the worst level fills it, every message is a line of its note. */
function cellsOf(marks: readonly StoredMark[]): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const lines = new Map<string, string[]>();
  for (const mark of marks) {
    const key = cellKey(mark.sheet, mark.row, mark.column);
    const cell = cells.get(key) ?? { sheet: mark.sheet, row: mark.row, column: mark.column, level: mark.level, note: "" };
    if (MARK_LEVELS.indexOf(mark.level) < MARK_LEVELS.indexOf(cell.level)) cell.level = mark.level;
    const line = `${NOTE_PREFIX[mark.kind]}${mark.message}`;
    const cellLines = lines.get(key) ?? [];
    if (!cellLines.includes(line)) cellLines.push(line);
    lines.set(key, cellLines);
    cells.set(key, cell);
  }
  for (const [key, cell] of cells) cell.note = lines.get(key)!.join("\n");
  return cells;
}

/** Cells one above the other with the same fill become one range: a column of findings is one fill, not one per cell. */
export function cellRuns<T extends { sheet: string; row: number; column: number }>(cells: readonly T[]): Array<T & { rows: number }> {
  const sorted = [...cells].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.column - b.column || a.row - b.row);
  const runs: Array<T & { rows: number }> = [];
  for (const cell of sorted) {
    const last = runs.at(-1);
    if (last && last.sheet === cell.sheet && last.column === cell.column && last.row + last.rows === cell.row) last.rows++;
    else runs.push({ ...cell, rows: 1 });
  }
  return runs;
}

/**
 * Says `marks` for one kind (检查's findings, or the office's reviews) and takes back what that kind said before;
 * the other kind's marks stay. Three syncs whatever the count where Excel has notes (read the earlier marks and
 * the notes and comments, read where those are, write), two where it has not.
 */
export async function updateMarks(kind: MarkKind, marks: readonly CellMark[], answered?: Answered): Promise<void> {
  const withNotes = notesSupported();
  await run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(MARKS_KEY);
    setting.load("value");
    const notes = withNotes ? context.workbook.notes : undefined;
    const comments = withNotes ? context.workbook.comments : undefined;
    notes?.load("items/content");
    comments?.load("items");
    await context.sync();

    // Which cells hold a note (and whose) or a threaded comment: Excel allows one or the other on a cell.
    const noteAt = new Map<string, Excel.Note>();
    const commented = new Set<string>();
    if (notes && comments) {
      const located = <T extends { getLocation(): Excel.Range }>(item: T) => {
        const location = item.getLocation();
        location.load("address");
        return { item, location };
      };
      const noteLocations = notes.items.map(located);
      const commentLocations = comments.items.map(located);
      await context.sync();
      for (const { item, location } of noteLocations) noteAt.set(normalKey(location.address), item);
      for (const { location } of commentLocations) commented.add(normalKey(location.address));
    }

    const stored = setting.isNullObject ? { marks: [] } : storedMarks(setting.value);
    const earlier = stored.marks;
    // 检查's lines before the office's, whichever was said last.
    const next: StoredMark[] = [...earlier.filter((m) => m.kind !== kind), ...marks.map((m) => ({ ...m, kind }))]
      .sort((a, b) => Number(a.kind === "review") - Number(b.kind === "review"));
    const before = cellsOf(earlier);
    const after = cellsOf(next);
    const sheets = new Map<string, Excel.Worksheet>();
    const sheetOf = (name: string) => sheets.get(name) ?? sheets.set(name, context.workbook.worksheets.getItem(name)).get(name)!;

    const gone = [...before].filter(([key]) => !after.has(key)).map(([, cell]) => cell);
    for (const block of cellRuns(gone)) sheetOf(block.sheet).getRange(blockAddress(block.row, block.column, block.rows, 1)).format.fill.clear();
    for (const level of MARK_LEVELS) {
      for (const block of cellRuns([...after.values()].filter((cell) => cell.level === level))) {
        sheetOf(block.sheet).getRange(blockAddress(block.row, block.column, block.rows, 1)).format.fill.color = MARK_FILL[level];
      }
    }
    if (notes) {
      for (const [key, note] of noteAt) {
        // Ours and no longer said (even one whose record was lost with an unsaved workbook).
        if (!after.has(key) && OURS.test(note.content)) note.delete();
      }
      for (const [key, cell] of after) {
        const existing = noteAt.get(key);
        if (existing) {
          if (OURS.test(existing.content) && existing.content !== cell.note) existing.content = cell.note;
        } else if (!commented.has(key)) {
          notes.add(key, cell.note);
        }
      }
    }
    const remembered = answered ?? stored.answered;
    context.workbook.settings.add(MARKS_KEY, JSON.stringify({ marks: next, ...(remembered ? { answered: remembered } : {}) } satisfies StoredMarks));
    await context.sync();
  });
}

/** 检查: marks exactly these findings' cells; cells an earlier check marked and now fixed lose their mark. */
export function markFindings(marks: readonly CellMark[]): Promise<void> {
  return updateMarks("check", marks);
}

/** Removes every mark an earlier check left (the office's reviews stay). */
export function clearMarks(): Promise<void> {
  return updateMarks("check", []);
}

/** Clicking a finding: go to its sheet and select its cell. One sync. */
export async function selectCell(sheet: string, row: number, column: number): Promise<void> {
  await run(async (context) => {
    const worksheet = context.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(blockAddress(row, column)).select();
    await context.sync();
  });
}
