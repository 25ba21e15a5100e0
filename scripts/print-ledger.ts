// The 台账 as a unit prints it: `ledger new` for a plan's unit, LibreOffice's PDF of it, and each page as a PNG,
// to look at as a person would (is every wrapped line there, is the header on every page, is it one page wide).
//
//   npx tsx scripts/print-ledger.ts [--plan seeds/plans/zibo-gxq-2022.json] [--unit 建设局] [--out test/artifacts/print]
//
// Needs LibreOffice (`soffice`, Debian libreoffice-calc-nogui) and pdftoppm (poppler-utils).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ledgerFor } from "../core/ledger/ledger-for";
import { Plan } from "../core/plan/schema";
import { ledgerWorkbook } from "../api/xlsx/ledger-workbook";

const { values } = parseArgs({
  options: {
    plan: { type: "string", default: "seeds/plans/zibo-gxq-2022.json" },
    unit: { type: "string", default: "建设局" },
    out: { type: "string", default: "test/artifacts/print" },
  },
});
const plan = Plan.parse(JSON.parse(readFileSync(values.plan!, "utf8")));
const out = resolve(values.out!);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// Rows as a unit fills them in: measures and progress long enough to wrap over several lines.
const rows = ledgerFor(plan, values.unit!).map((row, i) => ({
  ...row,
  office: row.office || (i % 2 ? "综合科" : "政策法规科"),
  leader: i % 3 ? "王强" : "",
  measures: i % 4 === 0 ? "明确专人负责，建立工作台账，按月梳理本单位应公开信息，经分管领导审核后在政府网站专栏发布，并同步在政务新媒体推送。" : "按要求落实",
  progress: i % 5 === 0 ? "已在门户网站公开相关信息 12 条，解读材料 3 篇；下一步继续跟进。" : "",
  status: i % 5 === 0 ? ("推进中" as const) : row.status,
}));
const xlsx = join(out, "台账.xlsx");
await ledgerWorkbook(plan, values.unit!, rows).xlsx.writeFile(xlsx);

// A profile of its own, so a running LibreOffice (or another run) does not take the conversion over.
execFileSync("soffice", [`-env:UserInstallation=file://${join(out, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", out, xlsx], { stdio: "ignore", timeout: 120_000 });
execFileSync("pdftoppm", ["-r", "70", "-png", join(out, "台账.pdf"), join(out, "page")], { timeout: 120_000 });
rmSync(join(out, "profile"), { recursive: true, force: true });
const pages = readdirSync(out).filter((f) => f.startsWith("page") && f.endsWith(".png")).sort();
console.log(`${values.unit}的台账（${rows.length} 行）打印为 ${pages.length} 页：`);
for (const page of pages) console.log(`  ${join(out, page)}`);
