// `npm run fixtures`: writes the binary plan fixtures of test/fixtures/plans from the content below, so they
// can be made again and read by anyone: a Word file (the `docx` package), an Excel workbook (exceljs), a PDF
// printed from the Word file by LibreOffice, a "scanned" PDF (that page as a picture, no text), and a text
// file in GB18030. Their hand-checked expectations are in test/fixtures/plans/binary-expectations.ts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from "docx";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { PDFDocument } from "pdf-lib";

const OUT = join(import.meta.dirname, "..", "test", "fixtures", "plans");

// ---------------------------------------------------------------------------------------------- Word

const p = (text: string, options: { bold?: boolean; center?: boolean; right?: boolean } = {}) =>
  new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : options.right ? AlignmentType.RIGHT : undefined,
    children: [new TextRun({ text, bold: options.bold, font: "SimSun" })],
  });
const cell = (text: string | string[], options: { span?: number; merge?: "restart" | "continue"; width?: number } = {}) =>
  new TableCell({
    children: (Array.isArray(text) ? text : [text]).map((t) => p(t)),
    ...(options.span ? { columnSpan: options.span } : {}),
    ...(options.merge ? { verticalMerge: options.merge === "restart" ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
    ...(options.width ? { width: { size: options.width, type: WidthType.DXA } } : {}),
  });
const WIDTHS = [700, 4200, 1600, 1600, 1500];
const header = () => new TableRow({ tableHeader: true, children: ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"].map((h, i) => cell(h, { width: WIDTHS[i] })) });
const row = (cells: Array<string | string[] | TableCell>) => new TableRow({ children: cells.map((c, i) => (c instanceof TableCell ? c : cell(c, { width: WIDTHS[i] }))) });

async function writeDocx(): Promise<string> {
  const doc = new Document({
    sections: [
      {
        children: [
          p("东湖区人民政府办公室文件", { bold: true, center: true }),
          p("东府办〔2024〕8号", { center: true }),
          p("东湖区人民政府办公室关于印发东湖区2024年政务公开工作要点分工方案的通知", { bold: true, center: true }),
          p("各街道办事处，区政府各部门："),
          p("现将《东湖区2024年政务公开工作要点分工方案》印发给你们，请认真贯彻落实。各单位须于2024年4月15日前将本单位工作台账报区政府办公室。"),
          p("东湖区人民政府办公室", { right: true }),
          p("2024年3月20日", { right: true }),
          p("东湖区2024年政务公开工作要点分工方案", { bold: true, center: true }),
          new Table({
            width: { size: 9600, type: WidthType.DXA },
            rows: [
              header(),
              row([cell("一、深化政务公开基础工作", { span: 5 })]),
              row(["1", "编制并公开本单位政府信息主动公开目录。", cell("区政府办", { merge: "restart" }), "区直各部门", "一季度"]),
              row(["2", ["规范政府信息公开申请办理，", "答复文书统一格式。"], cell("", { merge: "continue" }), "区司法局", "长期坚持"]),
              row(["3", "做好政府网站和政务新媒体内容保障。", "区融媒体中心", "区政府办", "每月10日前"]),
              row([cell("二、加强重点领域信息公开", { span: 5 })]),
              row(["4", "公开城市更新项目征收补偿方案和结果。", "区住建局", "各街道办事处", "2024年10月底前"]),
              row(["5", "公开义务教育阶段招生政策和划片范围。", "区教育局", "", "6月份"]),
              row(["6", "公开生态环境违法行为处罚结果。", "区生态环境分局", "", "处罚决定作出之日起7个工作日内"]),
            ],
          }),
        ],
      },
    ],
  });
  const file = join(OUT, "donghu-2024.docx");
  writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

// --------------------------------------------------------------------------------------------- Excel

async function writeXlsx(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "taizhang fixtures";
  const notes = workbook.addWorksheet("填表说明");
  notes.getCell("A1").value = "本表由各牵头单位核对后报区政府办公室。";
  const sheet = workbook.addWorksheet("分解表");
  sheet.mergeCells("A1:G1");
  sheet.getCell("A1").value = "北苑区2024年政务公开重点工作任务分解表";
  sheet.getCell("A2").value = "印发日期：2024年2月28日";
  const rows: Array<Array<string | number>> = [
    ["类别", "序号", "工作任务", "具体措施", "完成时限", "责任单位", "配合单位"],
    ["一、政策公开", 1, "集中公开现行有效行政规范性文件", "①清理失效文件\n②标注有效性", "2024年5月31日前", "区司法局", "区直各部门"],
    ["", 2, "做好政策“一件事”解读", "图文、视频解读不少于10件", "", "区政府办牵头，区融媒体中心配合", ""],
    ["", 3, "公开惠企政策兑现结果", "按季度汇总公开", "每季度", "区工信局", ""],
    ["二、民生公开", 4, "公开医疗服务价格和医保支付政策", "", "上半年", "区卫健局、区医保局", ""],
    ["", 5, "公开养老服务补贴发放情况", "", "持续推进", "区民政局", "各镇（街道）"],
  ];
  rows.forEach((values, r) => {
    const line = sheet.getRow(r + 3);
    values.forEach((value, c) => (line.getCell(c + 1).value = value === "" ? null : value));
  });
  // 类别 merged down its rows, as offices keep it; 完成时限 of rows 1–2 merged too.
  sheet.mergeCells("A4:A6");
  sheet.mergeCells("A7:A8");
  sheet.mergeCells("E4:E5");
  sheet.getColumn(3).width = 40;
  sheet.getColumn(4).width = 30;
  await workbook.xlsx.writeFile(join(OUT, "beiyuan-2024.xlsx"));
}

// ----------------------------------------------------------------------------------------------- PDF

async function writePdfs(docx: string): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "taizhang-fixtures-"));
  try {
    execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", scratch, docx], { stdio: "ignore", env: { ...process.env, HOME: scratch } });
    const pdf = join(scratch, "donghu-2024.pdf");
    writeFileSync(join(OUT, "donghu-2024.pdf"), readFileSync(pdf));
    // The scanned copy: the first page as a picture in a PDF of its own, no text layer.
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", pdf, join(scratch, "page")]);
    const image = readFileSync(join(scratch, "page-1.png"));
    const scanned = await PDFDocument.create();
    const png = await scanned.embedPng(image);
    scanned.addPage([png.width, png.height]).drawImage(png, { x: 0, y: 0, width: png.width, height: png.height });
    scanned.setCreationDate(new Date("2024-03-20T00:00:00Z"));
    scanned.setModificationDate(new Date("2024-03-20T00:00:00Z"));
    writeFileSync(join(OUT, "donghu-2024-scanned.pdf"), await scanned.save());
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------ GB18030 text

const FENGCHENG = `丰城市2024年政务公开工作要点

一、推进政务公开标准化
① 更新基层政务公开标准目录，实现动态调整。（责任单位：市司法局、各乡镇（街道））
② 规范政府信息公开专栏栏目设置。（责任单位：市政府办；完成时限：二季度末）
二、做好重点领域公开
① 公开财政预决算和专项资金分配结果。（责任单位：市财政局）
② 公开重大项目建设进度，每季度更新一次。（责任单位：市发改委牵头，市住建局配合）

丰城市人民政府办公室
二〇二四年一月十八日
`;

function writeGbk(): void {
  writeFileSync(join(OUT, "fengcheng-2024-gbk.txt"), iconv.encode(FENGCHENG, "gb18030"));
}

const docx = await writeDocx();
await writeXlsx();
await writePdfs(docx);
writeGbk();
console.log(`plan fixtures written to ${OUT}`);
