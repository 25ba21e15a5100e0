// One table model for every source: rows of cells, with merged cells already resolved. Markdown, tab- and
// comma-separated text, one-cell-per-line text, HTML, Word (through mammoth's HTML) and Excel sheets all become
// this, and one reader (read-table.ts) finds the columns and the tasks in it.

export interface TableRow {
  /** Cell texts, tidied (see tidyCell); a cell covered by a merged cell holds that cell's text. */
  cells: string[];
  /** 1-based: the text line for text sources, the row number for HTML, Word and Excel tables. */
  line: number;
  /** One cell spans the whole row (a colspan or a merge across the table): a section heading. */
  spanning?: boolean;
  /** Cells that repeat a merged cell from a row above (an explicit rowspan or Excel merge, never a guess). */
  fromAbove?: boolean[];
  /** The attachment a table's header row opens: "附件2「市直部门牵头全市重点公开工作清单」". */
  caption?: string;
}

export interface SourceTable {
  rows: TableRow[];
  /** How a row is named in the report: "第12行", "Word 表格第3行", "工作表「分解表」第5行". */
  where(line: number): string;
}

export interface SpanCell {
  text: string;
  rowspan?: number;
  colspan?: number;
}

/** Widest table read; a wider one is a page laid out with a table, not a task list, and is cut. */
export const MAX_COLUMNS = 64;

/**
 * Rows of cells with rowspan and colspan → a plain grid: a merged cell's text is repeated in every position it
 * covers, as a person reads a merged cell. Spans are clamped to the table (an attacker's rowspan of 65,534
 * costs nothing).
 */
export function resolveSpans(input: ReadonlyArray<{ cells: readonly SpanCell[]; line: number }>): TableRow[] {
  const rows: TableRow[] = [];
  /** Column → the text still to repeat below, and for how many more rows. */
  const pending = new Map<number, { text: string; left: number }>();
  const widest: number[] = [];
  for (let r = 0; r < input.length; r++) {
    const source = input[r]!;
    const cells: string[] = [];
    const fromAbove: boolean[] = [];
    let column = 0;
    let widestSpan = 0;
    const fillPending = () => {
      for (let p = pending.get(column); p; p = pending.get(column)) {
        cells[column] = p.text;
        fromAbove[column] = true;
        if (--p.left === 0) pending.delete(column);
        column++;
      }
    };
    for (const cell of source.cells) {
      fillPending();
      if (column >= MAX_COLUMNS) break;
      const colspan = Math.max(1, Math.min(cell.colspan ?? 1, MAX_COLUMNS - column));
      const rowspan = Math.max(1, Math.min(cell.rowspan ?? 1, input.length - r));
      widestSpan = Math.max(widestSpan, colspan);
      for (let c = 0; c < colspan; c++) {
        cells[column + c] = cell.text;
        if (rowspan > 1) pending.set(column + c, { text: cell.text, left: rowspan - 1 });
      }
      column += colspan;
    }
    fillPending();
    for (let c = 0; c < cells.length; c++) {
      cells[c] ??= "";
      fromAbove[c] ??= false;
    }
    rows.push({ cells, line: source.line, ...(fromAbove.some(Boolean) ? { fromAbove } : {}) });
    widest.push(source.cells.length === 1 ? widestSpan : 0);
  }
  const width = rows.reduce((w, row) => Math.max(w, row.cells.length), 0);
  rows.forEach((row, i) => {
    if (width > 1 && widest[i]! >= width) row.spanning = true;
  });
  return rows;
}

const CJK = String.raw`\u3000-\u303f\u3400-\u9fff\uff00-\uffef`;
const SPACE_NEXT_TO_CJK = new RegExp(String.raw`[ \t\u00a0\u3000]+(?=[${CJK}])|(?<=[${CJK}])[ \t\u00a0\u3000]+`, "g");

const NEEDS_TIDYING = /[\s<\u00a0\u3000]/;

/**
 * A cell's text with its line breaks kept (a break before "2." can start the next item of a cell) but the
 * spaces the conversion put between Chinese characters ("政务 公 开") and the <p> tags of a Markdown export gone.
 */
export function tidyCell(text: string): string {
  // Most cells have nothing to tidy; the test is far cheaper than the replacements on a 1 MB document.
  if (!NEEDS_TIDYING.test(text)) return text;
  return text
    .replace(/<\/?p>|<br\s*\/?>/gi, "\n")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").replace(SPACE_NEXT_TO_CJK, "").trim())
    .filter(Boolean)
    .join("\n");
}
