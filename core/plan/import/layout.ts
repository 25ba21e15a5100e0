// Which reading of a document to keep: every table the document holds (in whatever source) and its numbered
// prose are each read, and the reading with the most tasks that name their units wins. A document nobody can
// read is described: what it looked like, and what was missing.
import { readProse } from "./prose/read-prose";
import type { LayoutReading } from "./raw-task";
import { cellLinesTable } from "./table/cell-lines";
import { isHeaderRow } from "./table/columns";
import { csvTable, tsvTable } from "./table/delimited";
import { readHtml } from "./table/html";
import { markdownTable } from "./table/markdown";
import { resolveSpans, type SourceTable, type SpanCell } from "./table/model";
import { readTable, type TableReading } from "./table/read-table";

export const LAYOUTS = {
  "markdown-table": "Markdown 表格",
  "tab-cells": "逐格分行的表格",
  "tsv-table": "制表符分隔的表格",
  "csv-table": "CSV 表格",
  "html-table": "网页表格",
  "word-table": "Word 表格",
  "excel-sheet": "Excel 工作表",
  "numbered-prose": "编号正文",
} as const;
export type Layout = keyof typeof LAYOUTS;

/** A sheet of cells (Excel, or the admin's 方案 sheet): rows of cells, merged areas as spans. */
export interface SheetSource {
  name: string;
  rows: Array<{ cells: SpanCell[]; line: number }>;
}

/** A document as the file decoders hand it over (api/import), or as pasted text. */
export type PlanSource =
  | { kind: "text"; text: string; csv?: boolean }
  | { kind: "html"; html: string; origin: "Word" | "网页" }
  /** blanksAreEmpty: an empty cell is empty, never the merged cell above (the 方案 sheet, where the admin typed every cell). */
  | { kind: "sheets"; sheets: SheetSource[]; blanksAreEmpty?: boolean };

export interface ChosenReading extends LayoutReading {
  layout: Layout;
  /** The document's text as lines, for the metadata. */
  lines: string[];
  /** The chosen table's columns, when a table was read. */
  table?: Pick<TableReading, "columns" | "headerLine">;
  /** Why nothing could be read, in Chinese, when no reading found a task. */
  missing?: string;
}

interface Candidate {
  layout: Layout;
  reading: LayoutReading & Partial<Pick<TableReading, "columns" | "headerLine">>;
  headers: number;
}

const score = (reading: LayoutReading) => {
  let withUnits = 0;
  for (const task of reading.tasks) if (task.units.combined || task.units.lead || task.units.support || task.units.all) withUnits++;
  return withUnits * 2 + reading.tasks.length;
};

function tableCandidate(layout: Layout, table: SourceTable | undefined, options: { inherit?: boolean } = {}): Candidate | undefined {
  if (!table) return undefined;
  let headers = 0;
  for (const row of table.rows) if (isHeaderRow(row.cells)) headers++;
  return { layout, reading: readTable(table, options), headers };
}

/** A web page: it starts with a tag, or holds a table or a body (a Markdown cell's <p> does not make one). */
const LOOKS_HTML = /^\s*<(?:!doctype|html|head|body|table|div|p|meta)[\s>]|<(?:table|html|body)[\s>]/i;
const lineWhere = (line: number) => `第${line}行`;

/** Every reading the source allows; the best is returned with the document's lines. */
export function readDocument(source: PlanSource): ChosenReading {
  const candidates: Candidate[] = [];
  let lines: string[];
  let proseWhere = lineWhere;
  if (source.kind === "sheets") {
    lines = [];
    for (const sheet of source.sheets) {
      const rows = resolveSpans(sheet.rows);
      // A merged title repeats in every cell it covers; the metadata reads it once.
      for (const row of rows) lines.push(row.cells.filter((cell, i, all) => cell && cell !== all[i - 1]).join("\t"));
      const candidate = tableCandidate("excel-sheet", { rows, where: (line) => (source.sheets.length > 1 ? `工作表「${sheet.name}」第${line}行` : `第${line}行`) }, { inherit: !source.blanksAreEmpty });
      if (candidate) candidates.push(candidate);
    }
  } else if (source.kind === "html" || (source.kind === "text" && LOOKS_HTML.test(source.text.slice(0, 20_000)))) {
    const html = readHtml(source.kind === "html" ? source.html : source.text, source.kind === "html" ? source.origin : "网页");
    lines = html.lines;
    proseWhere = (line) => `第${line}段`;
    const layout: Layout = source.kind === "html" && source.origin === "Word" ? "word-table" : "html-table";
    for (const table of html.tables) {
      const candidate = tableCandidate(layout, table);
      if (candidate) candidates.push(candidate);
    }
  } else {
    const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
    lines = text.split(/\r\n?|\n/);
    // Pasted CSV: a header line among the first with two commas and a header word.
    const csv = source.csv || lines.slice(0, 30).some((line) => (line.match(/,/g)?.length ?? 0) >= 2 && /序号|任务|单位|时限|编号/.test(line));
    for (const candidate of [
      tableCandidate("markdown-table", markdownTable(lines)),
      tableCandidate("tab-cells", cellLinesTable(lines)),
      // Tab-separated rows need a tab inside a line; most documents have none, and are not parsed for them.
      /[^\t\n]\t/.test(text) ? tableCandidate("tsv-table", tsvTable(text)) : undefined,
      csv ? tableCandidate("csv-table", csvTable(text)) : undefined,
    ])
      if (candidate) candidates.push(candidate);
  }
  const prose = readProse(lines, proseWhere);
  candidates.push({ layout: "numbered-prose", reading: prose, headers: 0 });

  let best = candidates[0]!;
  for (const candidate of candidates) if (score(candidate.reading) > score(best.reading)) best = candidate;
  // Several tables of one document (a Word file with one table per page) read as one.
  const sameKind = candidates.filter((c) => c.layout === best.layout && c !== best && c.reading.tasks.length > 0 && best.layout !== "numbered-prose");
  const reading: LayoutReading = sameKind.length
    ? { tasks: [best, ...sameKind].flatMap((c) => c.reading.tasks), warnings: [best, ...sameKind].flatMap((c) => c.reading.warnings) }
    : best.reading;
  // Warnings of the tables not chosen still say what they held (an attachment list, a 台账 template).
  if (best.layout !== "numbered-prose")
    for (const other of candidates) if (other.layout === best.layout && other !== best && !sameKind.includes(other)) reading.warnings.push(...other.reading.warnings);

  // Numbered items of the text around a task table that name their units are tasks by their own words: said.
  if (best.layout !== "numbered-prose")
    for (const task of prose.tasks)
      if (task.units.combined || task.units.lead || task.units.support || task.deadlineText)
        reading.warnings.push({ line: task.line, code: "outside-table", message: `${task.where}的编号条目写明了责任单位或时限，但不在任务表中，未作为任务导入：${task.text.slice(0, 30)}${task.text.length > 30 ? "…" : ""}` });

  const chosen: ChosenReading = {
    ...reading,
    layout: best.layout,
    lines,
    ...(best.reading.columns ? { table: { columns: best.reading.columns, headerLine: best.reading.headerLine } } : {}),
  };
  if (reading.tasks.length === 0) chosen.missing = describeMissing(candidates, prose.items);
  return chosen;
}

function describeMissing(candidates: readonly Candidate[], proseItems: number): string {
  const tables = candidates.filter((c) => c.layout !== "numbered-prose" && c.headers > 0);
  if (tables.length) {
    const names = [...new Set(tables.map((c) => LAYOUTS[c.layout]))].join("、");
    return `看起来是${names}，找到了表头，但表头下没有带序号或编号的任务行（或任务列为空）。请确认任务所在的列有“任务”“工作内容”或“具体要求”等列名。`;
  }
  const anyTable = candidates.some((c) => c.layout !== "numbered-prose");
  if (proseItems > 0) return `看起来是编号正文，找到 ${proseItems} 个编号条目，但没有一条是具体任务。`;
  if (anyTable) return "看起来是表格，但找不到表头（序号、工作任务、牵头单位、完成时限等）。请确认表格第一行是列名。";
  return "既没有表格的表头（序号、工作任务、牵头单位、完成时限等），也没有“一、”“（一）”“1.”等编号的条目。";
}
