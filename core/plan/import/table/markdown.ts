// Markdown tables, with or without the outer pipes; blocks split by page breaks are one stream of rows, and
// the reader drops the header each page repeats.
import { tidyCell, type SourceTable, type TableRow } from "./model";

const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const SEPARATOR_LOOSE = /^\s*\|(?=[^-]*-)[\s|:-]+\|\s*$/;

function cellsOf(line: string): string[] {
  let body = line.trim();
  if (body.startsWith("|")) body = body.slice(1);
  if (body.endsWith("|") && !body.endsWith("\\|")) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => tidyCell(cell.replace(/\\\|/g, "|")));
}

/** The Markdown table rows of a text, in order; undefined when it has none. */
export function markdownTable(lines: readonly string[]): SourceTable | undefined {
  const rows: TableRow[] = [];
  let inBareTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (!trimmed.includes("|")) {
      inBareTable = false;
      continue;
    }
    if (SEPARATOR.test(trimmed) || SEPARATOR_LOOSE.test(trimmed)) continue;
    const outer = trimmed.startsWith("|") && trimmed.endsWith("|") && trimmed.length > 1;
    // Without outer pipes a table is known by the separator line under its first row.
    const headsBareTable = !outer && i + 1 < lines.length && SEPARATOR.test(lines[i + 1]!.trim()) && lines[i + 1]!.includes("-");
    if (headsBareTable) inBareTable = true;
    if (!outer && !inBareTable) continue;
    rows.push({ cells: cellsOf(line), line: i + 1 });
  }
  return rows.length >= 2 ? { rows, where: (line) => `第${line}行` } : undefined;
}
