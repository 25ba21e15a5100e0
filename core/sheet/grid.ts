// A worksheet as both readers give it to core: plain cell values and where cells are merged. Office.js
// (Range.values, Range.getMergedAreasOrNullObject) and exceljs (cell values, cell.master) both report a merged
// area's value in its top-left cell only, the other cells empty; core decides what a merge means.

/** A block of cells, 0-based within the grid. */
export interface CellBox {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface SheetCells {
  name: string;
  /** cells[r][c]: text, number, boolean, Date or empty. */
  cells: readonly (readonly unknown[])[];
  /** Merged areas; absent when the reader could not tell (the sheet is then read as if nothing were merged). */
  merges?: readonly CellBox[];
}

/** For each cell covered by a merge but not its top-left one: that top-left cell. */
export function mergeMasters(merges: readonly CellBox[] | undefined): Map<string, { row: number; col: number; box: CellBox }> {
  const masters = new Map<string, { row: number; col: number; box: CellBox }>();
  for (const box of merges ?? []) {
    // A merge over a whole column or row would be millions of cells; no 台账 has one, and it would say nothing.
    if (box.rows * box.cols > 100_000) continue;
    for (let r = box.row; r < box.row + box.rows; r++) {
      for (let c = box.col; c < box.col + box.cols; c++) {
        if (r !== box.row || c !== box.col) masters.set(`${r},${c}`, { row: box.row, col: box.col, box });
      }
    }
  }
  return masters;
}

/** "B3:D4" (no sheet, no $) → a 0-based box; undefined when it is not a plain A1 range. */
export function boxOfA1(range: string): CellBox | undefined {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(range.trim());
  if (!match) return undefined;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const [, c1, r1, c2 = c1!, r2 = r1!] = match;
  const top = Math.min(Number(r1), Number(r2)) - 1, left = Math.min(col(c1!), col(c2));
  return { row: top, col: left, rows: Math.abs(Number(r2) - Number(r1)) + 1, cols: Math.abs(col(c2) - col(c1!)) + 1 };
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
