// core's document model (core/oversight/document.ts) as a Word file laid out as Chinese official documents are:
// A4, 方正小标宋 title, 黑体 / 楷体 headings, 仿宋 body in 三号, first lines indented two characters. Every text
// passes through xmlSafe, so no value a clerk typed can make the file unreadable.
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type IRunOptions,
} from "docx";
import type { DocBlock, DocModel } from "../../core/oversight/document";
import { xmlSafe } from "./text";

const BODY = { font: { eastAsia: "仿宋_GB2312", ascii: "Times New Roman", hAnsi: "Times New Roman" }, size: 32 } satisfies IRunOptions;
const TABLE_TEXT = { font: BODY.font, size: 21 } satisfies IRunOptions;
const HEADING_FONTS = { 1: "黑体", 2: "楷体_GB2312" } as const;
/** Two 三号 characters: 公文's first-line indent. */
const INDENT = 640;
const LINE = { line: 560, lineRule: "exact" as const };

const run = (text: string, options: IRunOptions) => new TextRun({ ...options, text: xmlSafe(text) });

function lines(text: string, options: IRunOptions): TextRun[] {
  // A line break inside a cell or paragraph is a <w:br/>, not a raw newline.
  return xmlSafe(text)
    .split("\n")
    .map((line, i) => new TextRun({ ...options, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

function table(block: Extract<DocBlock, { kind: "table" }>): Table {
  const total = (block.widths ?? block.header.map(() => 1)).reduce((a, b) => a + b, 0);
  const widths = (block.widths ?? block.header.map(() => 1)).map((w) => Math.round((w / total) * 100));
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 10, type: WidthType.PERCENTAGE },
      borders: { top: border, bottom: border, left: border, right: border },
      children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, children: lines(text, { ...TABLE_TEXT, bold: header }) })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: block.header.map((h, i) => cell(h, i, true)) }),
      ...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, i, false)) })),
    ],
  });
}

function paragraph(block: Exclude<DocBlock, { kind: "table" }>): Paragraph {
  if (block.kind === "heading") {
    return new Paragraph({
      heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
      indent: { firstLine: INDENT },
      spacing: LINE,
      children: [run(block.text, { font: { eastAsia: HEADING_FONTS[block.level], ascii: "Times New Roman" }, size: 32, bold: block.level === 1, color: "000000" })],
    });
  }
  const alignment = block.align === "right" ? AlignmentType.RIGHT : block.align === "center" ? AlignmentType.CENTER : AlignmentType.JUSTIFIED;
  return new Paragraph({ alignment, spacing: LINE, ...(block.indent ? { indent: { firstLine: INDENT } } : {}), children: lines(block.text, BODY) });
}

export async function renderDocx(model: DocModel): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [run(model.title, { font: { eastAsia: "方正小标宋简体", ascii: "Times New Roman" }, size: 44, color: "000000" })],
    }),
  ];
  if (model.subtitle) children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [run(model.subtitle, { ...BODY, font: { eastAsia: "楷体_GB2312" } })] }));
  for (const block of model.blocks) {
    if (block.kind === "table") {
      children.push(table(block));
      children.push(new Paragraph({ children: [] }));
    } else children.push(paragraph(block));
  }
  const doc = new Document({
    creator: "台账",
    title: xmlSafe(model.title),
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
