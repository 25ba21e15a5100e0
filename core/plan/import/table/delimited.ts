// CSV and tab-separated text (RFC 4180 quoting: a quoted cell may hold the delimiter, line breaks and "").
// Excel copies cells with line breaks as quoted cells; Word copies a table as tab-separated lines.
import { tidyCell, type SourceTable, type TableRow } from "./model";

/** Every record of the text, with the 1-based line it starts on. One pass over the characters. */
export function parseDelimited(text: string, delimiter: "," | "\t"): Array<{ cells: string[]; line: number }> {
  const records: Array<{ cells: string[]; line: number }> = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let atCellStart = true;
  let line = 1;
  let recordLine = 1;
  const text_ = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = () => {
    cells.push(cell);
    records.push({ cells, line: recordLine });
    cells = [];
    cell = "";
    atCellStart = true;
    recordLine = line;
  };
  for (let i = 0; i < text_.length; i++) {
    const ch = text_[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text_[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      atCellStart = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text_[i + 1] === "\n") i++;
      line++;
      endRecord();
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (cell !== "" || cells.length > 0) endRecord();
  return records;
}

const lineWhere = (line: number) => `第${line}行`;

/** A CSV document as one table: every record a row. */
export function csvTable(text: string): SourceTable {
  const rows: TableRow[] = parseDelimited(text, ",").map(({ cells, line }) => ({ cells: cells.map(tidyCell), line }));
  return { rows, where: lineWhere };
}

/**
 * Tab-separated rows, one per line, among other text: only lines with at least two cells are rows. A line
 * that ends a row early (a cell broken over lines by a paste from Word) is joined with the lines after it
 * until the row is as wide as the widest row around it.
 */
export function tsvTable(text: string): SourceTable | undefined {
  const records = parseDelimited(text, "\t");
  let inner = 0;
  for (const r of records) if (r.cells.length >= 3 && r.cells.slice(1).some((c) => c.trim())) inner++;
  if (inner < 2) return undefined;
  const rows: TableRow[] = [];
  let width = 0;
  let open: TableRow | undefined;
  for (const { cells: raw, line } of records) {
    // A line that starts with a tab and holds one cell is the one-cell-per-line layout, not a row.
    const cells = raw.map(tidyCell);
    const filled = cells.filter(Boolean).length;
    if (open && open.cells.length < width) {
      if (filled === 0) continue;
      // The first piece continues the broken cell; the rest are the row's next cells.
      open.cells[open.cells.length - 1] = [open.cells.at(-1), cells[0]].filter(Boolean).join("\n");
      open.cells.push(...cells.slice(1));
      continue;
    }
    if (raw.length < 2 || (raw.length === 2 && !raw[0]!.trim())) {
      open = undefined;
      continue;
    }
    open = { cells, line };
    width = Math.max(width, cells.length);
    rows.push(open);
  }
  return { rows, where: lineWhere };
}
