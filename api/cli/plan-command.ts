// `plan import FILE …` turns a plan document into a plan template; `plan seeds` regenerates seeds/plans/.
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { importPlan, layoutName, PlanImportError, type ImportReport, type PlanSource } from "../../core/plan/import";
import { decodePlanFile, PlanFileError } from "../import/decode";
import { formatIssues } from "../../core/schema-kit";
import { parseCli, UsageError } from "./args";

const ImportArgs = z.object({
  positionals: z.tuple([z.string()], { error: "请指定一个方案文件（.docx、.xlsx、.pdf、.html、.csv、.txt 或 .md）：plan import FILE [--year N] [--id ID] [--out FILE]" }),
  year: z.coerce.number({ error: "--year 应为年份数字，例如 2022" }).int().min(2000).max(2100).optional(),
  id: z.string().optional(),
  out: z.string().optional(),
});

const SeedIndex = z.array(z.object({ file: z.string(), id: z.string(), year: z.number().int().optional() }));

const SEEDS = resolve(dirname(fileURLToPath(import.meta.url)), "../../seeds");

/** The report as a person reads it on stderr: counts first, then every warning with its source line. */
export function formatReport(report: ImportReport): string {
  const { tasks, units, rulesParsed, rulesUnparsed } = report.counts;
  const lines = [`任务 ${tasks} 项，单位 ${units} 个，时限规则 ${rulesParsed} 条（未能识别 ${rulesUnparsed} 处），版式：${layoutName(report.layout)}`];
  for (const w of report.warnings) lines.push(`  ${w.line ? `第${w.line}行` : "全文"}  ${w.message}`);
  return `${lines.join("\n")}\n`;
}

async function readDocument(file: string): Promise<PlanSource> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`无法读取方案文件 ${file}：${code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "这是一个目录" : "没有读取权限或文件已损坏"}`);
  }
  try {
    return await decodePlanFile(new Uint8Array(bytes), file);
  } catch (error) {
    if (error instanceof PlanFileError) throw new UsageError(error.message);
    throw error;
  }
}

function importOrExplain(source: PlanSource, options: { year?: number; id?: string }) {
  try {
    return importPlan(source, options);
  } catch (error) {
    if (error instanceof PlanImportError) throw new UsageError(error.message);
    throw error;
  }
}

async function runImport(argv: string[]): Promise<number> {
  const args = parseCli(argv, { year: { type: "string" }, id: { type: "string" }, out: { type: "string" } }, ImportArgs);
  const { plan, report } = importOrExplain(await readDocument(args.positionals[0]), { year: args.year, id: args.id });
  const json = `${JSON.stringify(plan, null, 2)}\n`;
  if (args.out) await writeFile(args.out, json);
  else process.stdout.write(json);
  process.stderr.write(formatReport(report));
  return 0;
}

/** Every seed document re-imported into seeds/plans/<id>.json, so a parser change shows up as a reviewed diff. */
async function runSeeds(): Promise<number> {
  const index = SeedIndex.safeParse(JSON.parse(await readFile(join(SEEDS, "plans/index.json"), "utf8")));
  if (!index.success) throw new UsageError(`seeds/plans/index.json 有误：${formatIssues(index.error)}`);
  for (const seed of index.data) {
    const { plan, report } = importOrExplain(await readDocument(join(SEEDS, seed.file)), { id: seed.id, year: seed.year });
    await writeFile(join(SEEDS, "plans", `${seed.id}.json`), `${JSON.stringify(plan, null, 2)}\n`);
    process.stderr.write(`${seed.id}  ${formatReport(report).split("\n")[0]}\n`);
  }
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "import") return runImport(rest);
  if (sub === "seeds") return runSeeds();
  throw new UsageError("用法：plan import FILE [--year N] [--id ID] [--out FILE] | plan seeds");
}
