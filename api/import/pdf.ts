// PDF with a text layer (unpdf, a serverless build of PDF.js): text items become lines by their height on the
// page, and a table becomes tab-separated rows by its header's columns, a cell wrapped over several lines joined
// back into one. A PDF without text (a scan) cannot be read, and says so.
import { extractTextItems, getDocumentProxy } from "unpdf";
import { roleOfHeader } from "../../core/plan/import/table/columns";
import { PlanFileError } from "./errors";

interface Item {
  x: number;
  y: number;
  width: number;
  size: number;
  text: string;
}

interface Chunk {
  x: number;
  end: number;
  text: string;
}

/** Pages read; a plan is a few pages, a 500-page PDF is something else. */
const MAX_PAGES = 80;

function linesOf(items: Item[]): Chunk[][] {
  const sorted = items.filter((i) => i.text.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - item.y) <= Math.max(2, item.size * 0.3)) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    const chunks: Chunk[] = [];
    for (const item of line) {
      const last = chunks.at(-1);
      // Items closer than about one character belong to one piece of text ("东府办〔" "2024" "〕" "8" "号").
      if (last && item.x - last.end < item.size * 0.9) {
        last.text += item.text;
        last.end = Math.max(last.end, item.x + item.width);
      } else chunks.push({ x: item.x, end: item.x + item.width, text: item.text });
    }
    for (const chunk of chunks) chunk.text = chunk.text.replace(/\s+/g, " ").trim();
    return chunks;
  });
}

const isHeader = (chunks: Chunk[]) => {
  const roles = chunks.map((c) => roleOfHeader(c.text));
  return chunks.length >= 3 && roles.filter(Boolean).length >= 2 && roles.some((r) => r === "text" || r === "lead" || r === "responsible");
};

/** The document as text lines, each table row one line of tab-separated cells. */
function layOut(pages: Item[][]): string[] {
  const out: string[] = [];
  let columns: number[] | undefined;
  let numbered = false;
  let tableEnd = 0;
  let row: string[] | undefined;
  const flush = () => {
    if (row) out.push(row.join("\t"));
    row = undefined;
  };
  const columnOf = (x: number) => {
    let index = 0;
    columns!.forEach((start, i) => {
      if (x >= start - 4) index = i;
    });
    return index;
  };
  for (const page of pages) {
    for (const chunks of linesOf(page)) {
      if (isHeader(chunks)) {
        flush();
        columns = chunks.map((c) => c.x);
        numbered = roleOfHeader(chunks[0]!.text) === "no";
        tableEnd = Math.max(...chunks.map((c) => c.end));
        out.push(chunks.map((c) => c.text).join("\t"));
        continue;
      }
      if (columns) {
        const width = tableEnd - columns[0]!;
        const spread = chunks.at(-1)!.end - chunks[0]!.x;
        const inside = chunks[0]!.x >= columns[0]! - 6 && chunks.at(-1)!.end <= tableEnd + 40;
        if (!inside || (chunks.length === 1 && spread > width * 0.7)) {
          // A line across the page is the text after the table.
          flush();
          columns = undefined;
        } else {
          const cells = new Array<string>(columns.length).fill("");
          for (const chunk of chunks) {
            const i = columnOf(chunk.x);
            cells[i] = cells[i] ? `${cells[i]} ${chunk.text}` : chunk.text;
          }
          const filled = cells.filter(Boolean).length;
          const section = chunks.length === 1 && columnOf(chunks[0]!.x) === 0 && chunks[0]!.end > columns[1]! + 8;
          const startsRow = section || (numbered ? /^\d{1,5}$/.test(cells[0]!) : filled >= 2 || !row);
          if (startsRow) {
            flush();
            row = cells;
          } else if (row) {
            // The next line of cells wrapped in their column: joined back, without a space between Chinese characters.
            cells.forEach((text, i) => {
              if (text) row![i] = /[\u3000-\u9fff\uff00-\uffef]$/.test(row![i]!) && /^[\u3000-\u9fff\uff00-\uffef]/.test(text) ? row![i] + text : [row![i], text].filter(Boolean).join(" ");
            });
          }
          if (section) flush();
          continue;
        }
      }
      out.push(chunks.map((c) => c.text).join(" "));
    }
    // A table goes on over the page break; its next page repeats the header or simply goes on.
  }
  flush();
  return out;
}

export async function pdfToText(bytes: Uint8Array): Promise<string> {
  let pages: Item[][];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    if (pdf.numPages > MAX_PAGES) throw new PlanFileError(`PDF 有 ${pdf.numPages} 页，超过 ${MAX_PAGES} 页，不像一份分工方案：请只提供方案本身。`);
    const { items } = await extractTextItems(pdf);
    pages = items.map((page) => page.map((i) => ({ x: i.x, y: i.y, width: i.width, size: i.fontSize || i.height || 10, text: i.str })));
  } catch (error) {
    if (error instanceof PlanFileError) throw error;
    throw new PlanFileError("无法打开这个 PDF 文件：它可能已损坏或加了密码。请提供 Word 文件（.docx）或另存一份未加密的 PDF。");
  }
  const characters = pages.reduce((n, page) => n + page.reduce((m, i) => m + i.text.replace(/\s/g, "").length, 0), 0);
  if (characters < 20)
    throw new PlanFileError("这个 PDF 是扫描件（只有图片，没有可复制的文字），无法识别其中的任务。请提供方案的 Word 文件（.docx），或可复制文字的 PDF。");
  return layOut(pages).join("\n");
}
