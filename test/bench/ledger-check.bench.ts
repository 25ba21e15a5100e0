// `ledger check` on a 1,000-row .xlsx, end to end through the CLI's code path in-process: read the file with
// exceljs, adopt the sheet, validate, place the findings on sheet rows and headers.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkLedgerFile } from "../../api/xlsx/ledger-check";
import { ledgerWorkbook } from "../../api/xlsx/ledger-workbook";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { LedgerRow } from "../../core/ledger/schema";
import { Plan } from "../../core/plan/schema";
import { ms, report, time } from "./measure";

const plan = Plan.parse({
  id: "bench-2022",
  year: 2022,
  title: "bench",
  units: [{ name: "建设局", aliases: [] }],
  tasks: Array.from({ length: 60 }, (_, i) => ({
    id: String(i + 1), no: String(i + 1), section: "一", text: `第${i + 1}项政务公开任务，做好相关信息的主动公开和解读工作`,
    lead: ["建设局"], support: [], allUnits: false,
    deadline: i % 2 ? { text: "2022年8月底前", rules: [{ kind: "by", date: "2022-08-31" }] } : { text: "长期坚持", rules: [{ kind: "ongoing" }] },
  })),
});
const base = ledgerFor(plan, "建设局");
const rows: LedgerRow[] = Array.from({ length: 1000 }, (_, i) => ({
  ...base[i % 60]!,
  continuation: i >= 60 || undefined,
  office: "综合科",
  leader: i % 9 ? "张三" : "",
  measures: "按要求主动公开相关信息，并做好政策解读",
  progress: "已在区政府门户网站公开",
  status: i % 3 ? "推进中" : "已完成",
  doneOn: i % 3 ? undefined : "2022-06-30",
  evidence: "网站链接",
}));
const file = join(mkdtempSync(join(tmpdir(), "taizhang-bench-")), "ledger-1000.xlsx");
await ledgerWorkbook(plan, "建设局", rows).xlsx.writeFile(file);

let findings = 0;
const timing = await time(async () => {
  const { report: result } = await checkLedgerFile(file, { plan, unit: "建设局", today: "2022-07-15" });
  findings = result.findings.length;
}, 15, 2);
report(`ledger check, 1,000-row .xlsx end to end (${findings} findings), median`, ms(timing.median), "< 1 s");
if (timing.median >= 1000) process.exitCode = 1;
