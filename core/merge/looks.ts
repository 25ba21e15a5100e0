// How each row of a consolidated sheet looks, decided once for both writers (the API's .xlsx and the pane's 汇总):
// every cell's fill and every row's height. Fills are written on the cells themselves, not as conditional
// formats: the sheet is rewritten on every refresh anyway, and a plain fill is what every reader shows (Excel,
// WPS, LibreOffice, the printed page); text-match conditional formats did not show in LibreOffice's PDF at all.
// Heights are set from the text, because LibreOffice (and Excel once a height is set) does not grow a row for
// wrapped text: without them a wrapped cell's lines print over the next row. Text is measured as the 台账's own
// sheet measures it (core/sheet/ledger-sheet.ts).
import { LINE_POINTS, PADDING_POINTS, wrappedLines } from "../sheet/ledger-sheet";
import type { SheetCell, SheetFrame } from "./sheets";

/** A row's cells [from, to] (0-based, inclusive) that share one fill. */
export interface FillRun {
  from: number;
  to: number;
  fill: string;
}

/** Each cell's fill in a row of `frame`: its own text's colour first, else its row's mark, else none. */
export function cellFills(frame: Pick<SheetFrame, "colours" | "rowMark">, cells: readonly SheetCell[]): (string | undefined)[] {
  const { colours, rowMark } = frame;
  const rowFill = rowMark && cells[rowMark.column] === rowMark.text ? rowMark.fill : undefined;
  return cells.map((value, i) => {
    if (colours && i >= colours.from && i <= colours.to) {
      const text = String(value);
      const rule = text ? colours.rules.find((r) => text.includes(r.contains)) : undefined;
      if (rule) return rule.fill;
    }
    return rowFill;
  });
}

/** The same fills as runs of neighbouring cells, so a writer sets one range per run. */
export function fillRuns(frame: Pick<SheetFrame, "colours" | "rowMark">, cells: readonly SheetCell[]): FillRun[] {
  const runs: FillRun[] = [];
  cellFills(frame, cells).forEach((fill, i) => {
    if (!fill) return;
    const last = runs[runs.length - 1];
    if (last && last.fill === fill && last.to === i - 1) last.to = i;
    else runs.push({ from: i, to: i, fill });
  });
  return runs;
}

/** Lines beyond which a row stops growing: Excel's largest row is 409 points. */
const MAX_LINES = 26;

const DEFAULT_WIDTH = 12;

/** A row's height in points: as tall as the longest wrapped cell, one line when nothing wraps. */
export function rowHeight(frame: Pick<SheetFrame, "widths" | "wrapColumns">, cells: readonly SheetCell[], wrapAll = false): number {
  let lines = 1;
  const wraps = wrapAll ? cells.map((_, i) => i) : frame.wrapColumns ?? [];
  for (const c of wraps) {
    const value = cells[c];
    if (typeof value !== "string" || value === "") continue;
    lines = Math.max(lines, wrappedLines(value, frame.widths?.[c] ?? DEFAULT_WIDTH));
  }
  return Math.min(lines, MAX_LINES) * LINE_POINTS + PADDING_POINTS;
}

/** The header row's height: every header cell wraps. */
export function headerHeight(frame: Pick<SheetFrame, "widths" | "header">): number {
  return rowHeight(frame, frame.header, true);
}
