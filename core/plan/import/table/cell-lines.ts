// A table converted to one cell per line (PDF and Word exports): each cell a line, with a leading tab or not,
// sometimes a "|" line between cells; a cell's own line breaks as lines without the tab; the header repeated
// on every page; attachments (附件1, 附件2 …) one after another. Rows are cut at each 序号 when the table has
// one, else every header-width cells.
import { roleOfHeader } from "./columns";
import { tidyCell, type SourceTable, type TableRow } from "./model";

const ATTACHMENT = /^\s*附件\s*(\d+)\s*[:：]?\s*$/;
const NUMBER_CELL = /^\d{1,5}$/;
const MIN_HEADER = 3;

type Kind = "tab" | "bar" | "blank" | "plain";
const kindOf = (line: string): Kind => (line.startsWith("\t") ? "tab" : !line.trim() ? "blank" : line.trim() === "|" ? "bar" : "plain");

interface Cell {
  text: string;
  line: number;
}

/** The header cells starting at line i (tabbed, or plain lines with or without "|" lines between), or none. */
function headerAt(lines: readonly string[], i: number): { cells: Cell[]; end: number; tabbed: boolean; bars: boolean } | undefined {
  const tabbed = kindOf(lines[i]!) === "tab";
  const cells: Cell[] = [];
  let bars = false;
  let j = i;
  for (; j < lines.length; j++) {
    const kind = kindOf(lines[j]!);
    if (kind === "bar") {
      bars = true;
      continue;
    }
    if (kind === "blank" && !tabbed) continue;
    if (kind !== (tabbed ? "tab" : "plain")) break;
    if (lines[j]!.length > 40) break; // no header word is that long
    const text = tidyCell(lines[j]!);
    if (!roleOfHeader(text)) break;
    cells.push({ text, line: j + 1 });
  }
  return cells.length >= MIN_HEADER ? { cells, end: j, tabbed, bars } : undefined;
}

/** The one-cell-per-line tables of a text as one stream of rows (each table's header a row of its own). */
export function cellLinesTable(lines: readonly string[]): SourceTable | undefined {
  const rows: TableRow[] = [];
  let i = 0;
  let caption: string | undefined;
  let attachmentAt = -1;
  while (i < lines.length) {
    const attachment = ATTACHMENT.exec(lines[i]!);
    if (attachment) {
      caption = `附件${attachment[1]}`;
      attachmentAt = i;
      i++;
      continue;
    }
    const header = headerAt(lines, i);
    if (!header) {
      // The title line under 附件N names the table in the report.
      if (caption && attachmentAt >= 0 && i - attachmentAt <= 2 && kindOf(lines[i]!) === "plain") caption = `${caption.replace(/「.*$/, "")}「${tidyCell(lines[i]!)}」`;
      i++;
      continue;
    }
    const width = header.cells.length;
    const numbered = roleOfHeader(header.cells[0]!.text) === "no";
    rows.push({ cells: header.cells.map((c) => c.text), line: header.cells[0]!.line, ...(caption ? { caption } : {}) });
    caption = undefined;
    let row: Cell[] = [];
    let barOpen = false;
    /** A bar has been seen since the header (the header's own last bar opens nothing). */
    let sinceHeader = false;
    const flush = () => {
      if (row.length) rows.push({ cells: row.map((c) => c.text), line: row[0]!.line });
      row = [];
    };
    let j = header.end;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      const kind = kindOf(line);
      if (ATTACHMENT.test(line)) break;
      if (kind === "blank") continue;
      if (kind === "bar") {
        // Two bars with nothing between them hold an empty cell.
        if (!barOpen && sinceHeader) row.push({ text: "", line: j + 1 });
        barOpen = false;
        sinceHeader = true;
        continue;
      }
      const again = headerAt(lines, j);
      if (again && again.tabbed === header.tabbed) {
        // The header repeated on a new page, or the next table's header.
        flush();
        if (again.cells.map((c) => c.text).join() !== header.cells.map((c) => c.text).join()) break;
        rows.push({ cells: again.cells.map((c) => c.text), line: again.cells[0]!.line });
        j = again.end - 1;
        continue;
      }
      const text = tidyCell(line);
      const continues = header.tabbed ? kind === "plain" : header.bars && barOpen;
      if (continues) {
        // A cell broken over lines; after a complete row, a line without the tab is the text after the table.
        if (header.tabbed && row.length >= width && !numbered) break;
        const last = row.at(-1);
        if (last) last.text = [last.text, text].filter(Boolean).join("\n");
        else if (header.tabbed) break;
        continue;
      }
      // A heading line ("二、…") after a whole row is a section row of its own, not one more cell of that row.
      const heading = row.length >= width && /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])/.test(text);
      if (numbered ? (NUMBER_CELL.test(text) && row.length > 0) || heading : row.length >= width) flush();
      row.push({ text, line: j + 1 });
      barOpen = true;
      sinceHeader = true;
    }
    flush();
    i = j;
  }
  return rows.length >= 2 ? { rows, where: (line) => `第${line}行` } : undefined;
}
