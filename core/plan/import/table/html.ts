// HTML (a saved web page, or Word through mammoth): every <table> as rows of cells with rowspan and colspan
// resolved, and the text outside the tables as paragraphs for the prose reader and the metadata.
import { Parser } from "htmlparser2";
import { resolveSpans, tidyCell, type SourceTable, type SpanCell } from "./model";

export interface HtmlDocument {
  tables: SourceTable[];
  /** One line per paragraph, heading or list item outside the tables; a table row as its cells joined by tabs. */
  lines: string[];
}

const BLOCK = new Set(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "blockquote", "pre", "tr", "title", "ul", "ol", "dt", "dd"]);
const SKIP = new Set(["script", "style", "head", "noscript", "template"]);

interface OpenTable {
  rows: Array<{ cells: SpanCell[]; line: number }>;
  row?: { cells: SpanCell[]; line: number };
  cell?: { parts: string[]; rowspan: number; colspan: number };
}

const span = (value: string | undefined) => {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
};

export function readHtml(html: string, origin: "Word" | "网页" = "网页"): HtmlDocument {
  const tables: SourceTable[] = [];
  const lines: string[] = [];
  const stack: OpenTable[] = [];
  let paragraph: string[] = [];
  let skipping = 0;
  const endParagraph = () => {
    const text = tidyCell(paragraph.join("")).replace(/\n/g, " ");
    if (text) lines.push(text);
    paragraph = [];
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (SKIP.has(name)) skipping++;
        if (skipping) return;
        const table = stack.at(-1);
        if (name === "table") {
          // A table inside a cell is that cell's text: offices nest layout tables, never task lists.
          if (table?.cell) return void stack.push({ rows: [] });
          endParagraph();
          stack.push({ rows: [] });
        } else if (name === "tr" && table && stack.length === 1) {
          table.row = { cells: [], line: table.rows.length + 1 };
          table.rows.push(table.row);
        } else if ((name === "td" || name === "th") && table && stack.length === 1) {
          if (!table.row) {
            table.row = { cells: [], line: table.rows.length + 1 };
            table.rows.push(table.row);
          }
          table.cell = { parts: [], rowspan: span(attributes.rowspan), colspan: span(attributes.colspan) };
        } else if (name === "br" || BLOCK.has(name)) {
          const cell = stack[0]?.cell;
          if (cell) cell.parts.push("\n");
          else if (!stack.length) endParagraph();
        }
      },
      ontext(text) {
        if (skipping) return;
        const cell = stack[0]?.cell;
        if (cell) cell.parts.push(text);
        else if (!stack.length) paragraph.push(text);
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skipping = Math.max(0, skipping - 1);
          return;
        }
        if (skipping) return;
        const table = stack.at(-1);
        if (name === "table" && table) {
          stack.pop();
          if (stack.length) return;
          const rows = resolveSpans(table.rows);
          for (const row of rows) if (row.cells.some(Boolean)) lines.push(row.cells.join("\t"));
          const index = tables.length + 1;
          tables.push({ rows, where: (line) => `${origin}第${index}个表格第${line}行` });
        } else if ((name === "td" || name === "th") && table?.cell && stack.length === 1) {
          table.row?.cells.push({ text: tidyCell(table.cell.parts.join("")), rowspan: table.cell.rowspan, colspan: table.cell.colspan });
          table.cell = undefined;
        } else if (name === "tr" && table && stack.length === 1) {
          table.row = undefined;
        } else if (BLOCK.has(name) && !stack.length) endParagraph();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  // An unclosed table at the end of a broken page still counts.
  while (stack.length) {
    const table = stack.pop()!;
    if (stack.length) continue;
    const rows = resolveSpans(table.rows);
    const index = tables.length + 1;
    tables.push({ rows, where: (line) => `${origin}第${index}个表格第${line}行` });
  }
  endParagraph();
  return { tables, lines };
}
