// Prints the consolidated .xlsx the way an office would: writes it for a plan of 12 units (two never reported)
// and 15 tasks with leads, deadlines, overdue rows and long progress text, converts it to PDF with LibreOffice
// and each page to a PNG, and says how many pages each sheet takes. Not part of `npm test` (LibreOffice is slow
// and CI may lack it): `npx tsx scripts/print-consolidated.ts [outdir]`, then look at the PNGs.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { finished } from "node:stream/promises";
import { writeConsolidatedWorkbook } from "../api/xlsx/consolidated-workbook";
import { ledgerFor } from "../core/ledger/ledger-for";
import type { LedgerRow, LedgerStatus } from "../core/ledger/schema";
import type { Plan } from "../core/plan/schema";

const out = resolve(process.argv[2] ?? "dist/print-consolidated");
mkdirSync(out, { recursive: true });
const units = ["区党政办", "区发改局", "区教育局", "区公安分局", "区民政局", "区司法局", "区财政局", "区人社局", "区住建局", "区卫健委", "区应急局", "区市场监管局"];
const plan: Plan = {
  id: "print-check",
  year: 2025,
  title: "2025年某区政务公开工作要点分工方案",
  ledgerDue: "2025-05-31",
  units: units.map((name) => ({ name, aliases: [] })),
  tasks: Array.from({ length: 15 }, (_, i) => ({
    id: String(i + 1),
    no: String(i + 1),
    section: i < 8 ? "一、围绕稳经济促发展加强信息公开" : "二、围绕保障和改善民生加强信息公开",
    text: `第${i + 1}项：及时公开涉及市场主体的政策文件，做好政策解读和回应关切，推动政策落地见效，按季度更新专栏内容。`,
    lead: [units[i % units.length]!],
    support: [],
    allUnits: true,
    deadline: i % 3 === 0 ? { text: "5月底前", rules: [{ kind: "by" as const, date: "2025-05-31" }] } : { text: "长期坚持", rules: [{ kind: "ongoing" as const }] },
  })),
};
const statuses: LedgerStatus[] = ["已完成", "推进中", "未开始", "长期坚持"];
const ledgers = units.slice(0, 10).map((unit, u) => ({
  unit,
  version: 2,
  firstSyncAt: u < 7 ? "2025-05-20T02:00:00Z" : "2025-06-03T02:00:00Z",
  rows: ledgerFor(plan, unit).map((row, i): LedgerRow => ({
    ...row,
    office: "综合科",
    leader: "张副局长",
    measures: "明确专人负责，建立工作台账，每月梳理更新公开内容，加强与业务科室的沟通协调。",
    progress: "已在政府网站专栏发布相关信息12条，开展政策解读2次，回应公众关切3件。",
    status: statuses[(i + u) % 4]!,
    ...(statuses[(i + u) % 4] === "已完成" ? { doneOn: "2025-05-10" } : {}),
    evidence: "网站截图、发布链接",
  })),
}));

const file = join(out, "汇总台账.xlsx");
const stream = createWriteStream(file);
await writeConsolidatedWorkbook(plan, { today: "2025-06-16", returns: new Map([["区教育局", 2]]) }, (async function* () { yield { ledgers }; })(), stream);
await finished(stream);
execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", out, file], { stdio: "ignore", env: { ...process.env, HOME: out } });
const pdf = join(out, "汇总台账.pdf");
for (const f of readdirSync(out)) if (f.startsWith("page-")) execFileSync("rm", [join(out, f)]);
execFileSync("pdftoppm", ["-png", "-r", "70", pdf, join(out, "page")]);
const pages = readdirSync(out).filter((f) => f.startsWith("page-")).sort();
const info = execFileSync("pdfinfo", [pdf]).toString();
console.log(`${pages.length} pages (${/Page size:\s*(.*)/.exec(info)?.[1] ?? "?"}), PNGs in ${out}`);
for (const page of pages) console.log(`  ${page}`);
