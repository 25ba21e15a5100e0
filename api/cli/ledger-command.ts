// `ledger new` writes a unit's 台账 .xlsx from a plan; `ledger check` reads one and lists what is wrong with it.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { Plan } from "../../core/plan/schema";
import { unitKey, unitResolver } from "../../core/plan/unit-directory";
import { formatIssues, IsoDate } from "../../core/schema-kit";
import { headerOf } from "../../core/sheet/columns";
import { textWidth } from "../../core/sheet/ledger-sheet";
import { checkLedgerFile, type LedgerReport } from "../xlsx/ledger-check";
import { writeMarkedCopy } from "../xlsx/ledger-marked";
import { ledgerWorkbook } from "../xlsx/ledger-workbook";
import { parseCli, UsageError } from "./args";

const xlsxPath = (what: string) =>
  z.string({ error: `请指定${what}` }).regex(/\.xlsx$/i, { message: `${what}应为 .xlsx 文件` });

const NewArgs = z.object({
  plan: z.string({ error: "请用 --plan 指定方案文件（.json）" }),
  unit: z.string({ error: "请用 --unit 指定单位名称" }).min(1),
  out: xlsxPath("--out 输出文件"),
  positionals: z.array(z.string()).max(0, { message: "ledger new 不接受多余的参数" }),
});

const CheckArgs = z.object({
  positionals: z.tuple([xlsxPath("要检查的台账文件")], { error: "请指定一个要检查的台账文件（.xlsx）" }),
  plan: z.string({ error: "请用 --plan 指定方案文件（.json）" }),
  unit: z.string({ error: "请用 --unit 指定单位名称" }).min(1),
  sheet: z.string().min(1, { message: "--sheet 不能为空" }).optional(),
  today: IsoDate.optional(),
  json: z.boolean().optional(),
  "marked-out": xlsxPath("--marked-out 输出文件").optional(),
});

async function loadPlan(file: string): Promise<Plan> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "文件不存在" : "不是有效的 JSON";
    throw new UsageError(`无法读取方案文件 ${file}：${reason}`);
  }
  const plan = Plan.safeParse(json);
  if (!plan.success) throw new UsageError(`方案文件 ${file} 有误：${formatIssues(plan.error)}`);
  return plan.data;
}

/** The unit's rows; a name the plan does not know (not even through 各单位 tasks) is a usage error. */
function requireUnit(plan: Plan, unit: string) {
  const known = unitResolver(plan)(unit) !== undefined || plan.tasks.some((t) => [...t.lead, ...t.support].some((n) => unitKey(n) === unitKey(unit)));
  const rows = known ? ledgerFor(plan, unit) : [];
  if (rows.length === 0) throw new UsageError(`方案「${plan.title}」中没有分配给「${unit}」的任务，请核对单位名称`);
  return rows;
}

/** Today in China, where the deadlines are kept, whatever zone this machine is in. */
function chinaToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

/** Columns line up in a terminal: CJK characters take two cells, as they take two of a sheet's character widths. */
const width = textWidth;
const pad = (text: string, to: number) => text + " ".repeat(Math.max(0, to - width(text)));

/** Which sheet was read, where its header is, and what each column was taken for: the reading behind the findings. */
function formatReading(report: LedgerReport): string[] {
  const others = report.sheets.length > 1 ? `（工作簿共 ${report.sheets.length} 张表，按表头选定；可用 --sheet 指定）` : "";
  if (!report.header) return [`读取工作表「${report.sheet}」${others}：没有找到表头`];
  const [top, bottom] = report.header;
  const how = { name: "", meaning: "（按含义）", values: "（按内容）", clerk: "" } as const;
  const columns = report.columns.map((c) =>
    c.field ? `${c.column} ${c.header}${c.header === headerOf(c.field) ? "" : ` → ${headerOf(c.field)}`}${c.how ? how[c.how] : ""}` : `${c.column} ${c.header}（不检查）`);
  return [`读取工作表「${report.sheet}」，表头在第${top === bottom ? top : `${top}–${bottom}`}行${others}`, `列：${columns.join(" · ")}`];
}

export function formatReport(report: LedgerReport): string {
  const lines = report.findings.map((f) => [f.row === null ? "—" : String(f.row), f.column ?? "—", f.severity === "error" ? "错误" : "警告", f.message]);
  const head = ["行", "列", "级别", "说明"];
  const widths = head.slice(0, 3).map((h, i) => Math.max(width(h), ...lines.map((l) => width(l[i]!))));
  const render = (l: string[]) => l.map((cell, i) => (i < 3 ? pad(cell, widths[i]!) : cell)).join("  ").trimEnd();
  const { rows, errors, warnings } = report.summary;
  const summary = `共 ${rows} 行：${errors} 个错误，${warnings} 个警告`;
  const reading = formatReading(report);
  return lines.length ? [...reading, render(head), ...lines.map(render), "", summary].join("\n") : [...reading, `${summary}，未发现问题`].join("\n");
}

async function newLedger(argv: string[]): Promise<number> {
  const args = parseCli(argv, { plan: { type: "string" }, unit: { type: "string" }, out: { type: "string" } }, NewArgs);
  const plan = await loadPlan(args.plan);
  const rows = requireUnit(plan, args.unit);
  const unit = unitResolver(plan)(args.unit) ?? args.unit;
  await ledgerWorkbook(plan, unit, rows).xlsx.writeFile(args.out);
  process.stdout.write(`已写出 ${args.out}：${unit}的 ${rows.length} 项任务\n`);
  return 0;
}

async function checkLedger(argv: string[]): Promise<number> {
  const args = parseCli(
    argv,
    {
      plan: { type: "string" },
      unit: { type: "string" },
      sheet: { type: "string" },
      today: { type: "string" },
      json: { type: "boolean" },
      "marked-out": { type: "string" },
    },
    CheckArgs,
  );
  const [file] = args.positionals;
  const markedOut = args["marked-out"];
  if (markedOut && resolve(markedOut) === resolve(file)) throw new UsageError("--marked-out 不能与被检查的文件相同：原文件不会被改动");
  const plan = await loadPlan(args.plan);
  requireUnit(plan, args.unit);
  const checked = await checkLedgerFile(file, { plan, unit: args.unit, sheet: args.sheet, today: args.today ?? chinaToday() });
  if (markedOut) await writeMarkedCopy(checked, markedOut);
  const { report } = checked;
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  return report.summary.errors > 0 ? 1 : 0;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "new") return newLedger(rest);
  if (sub === "check") return checkLedger(rest);
  throw new UsageError("用法：ledger new --plan FILE.json --unit NAME --out FILE.xlsx | ledger check FILE.xlsx --plan FILE.json --unit NAME [--sheet NAME] [--today YYYY-MM-DD] [--json] [--marked-out FILE.xlsx]");
}
