// The importer on documents written for this test in layouts the seeds do not use: each fixture's hand-checked
// expectations (test/fixtures/plans/expectations.ts) against what the importer reads.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodePlanFile, PlanFileError } from "../../api/import/decode";
import { detectEncoding } from "../../api/import/text-encoding";
import { importPlan, PlanImportError } from "../../core/plan/import";
import { FIXTURES } from "../fixtures/plans/expectations";

const FIXTURE_DIR = join(import.meta.dirname, "..", "fixtures", "plans");
const read = (file: string) => readFileSync(join(FIXTURE_DIR, file), "utf8");

const decode = (file: string) => decodePlanFile(new Uint8Array(readFileSync(join(FIXTURE_DIR, file))), file);

describe.each(FIXTURES)("$file", async (fixture) => {
  // Every fixture goes through the file decoder the CLI and the API use, text files included.
  const { plan, report } = importPlan(await decode(fixture.file), { year: fixture.year });

  it("is read in its layout, with the plan's year, title, issuer, number and dates", () => {
    expect(report.layout).toBe(fixture.layout);
    expect(plan).toMatchObject(fixture.plan);
    for (const key of ["issuer", "docNumber", "issuedOn", "ledgerDue"] as const) if (!(key in fixture.plan)) expect(plan[key], key).toBeUndefined();
  });

  it("finds every task with its number, units and deadline rules", () => {
    expect(plan.tasks.map((t) => t.id)).toEqual(fixture.tasks.map((t) => t.id));
    fixture.tasks.forEach((expected, i) => {
      const task = plan.tasks[i]!;
      expect(task.text.startsWith(expected.text), `${expected.id}: ${task.text}`).toBe(true);
      expect(task.lead, `${expected.id} lead`).toEqual(expected.lead);
      if (expected.support) expect(task.support, `${expected.id} support`).toEqual(expected.support);
      expect(task.allUnits, `${expected.id} allUnits`).toBe(expected.allUnits ?? false);
      expect(task.deadline.rules, `${expected.id} rules (${task.deadline.text})`).toEqual(expected.rules);
      if (expected.section !== undefined) expect(task.section).toBe(expected.section);
      if (expected.category !== undefined) expect(task.category).toBe(expected.category);
    });
  });

  it("reports what the document leaves open, and nothing it read", () => {
    const codes: Record<string, number> = {};
    for (const w of report.warnings) codes[w.code] = (codes[w.code] ?? 0) + 1;
    expect(codes).toEqual(fixture.flagged ?? {});
  });
});

describe("a document with no tasks", () => {
  it("says which layout it looked like and what was missing", () => {
    expect(() => importPlan(read("no-tasks.txt"), { year: 2024 })).toThrow(PlanImportError);
    expect(() => importPlan(read("no-tasks.txt"), { year: 2024 })).toThrow(/没有表格的表头.*也没有“一、”/);
    expect(() => importPlan("| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n| | | |\n", { year: 2024 })).toThrow(/找到了表头/);
  });

  it("a CSV without a year asks for one", () => {
    expect(() => importPlan({ kind: "text", text: read("nanhu-2024.csv"), csv: true })).toThrow(/年度/);
  });
});

describe("files", () => {
  it("detects GB18030 and UTF-8 from the bytes, with or without a BOM", () => {
    expect(detectEncoding(readFileSync(join(FIXTURE_DIR, "fengcheng-2024-gbk.txt")))).toBe("gb18030");
    expect(detectEncoding(readFileSync(join(FIXTURE_DIR, "nanhu-2024.csv")))).toBe("utf-8");
    expect(detectEncoding(readFileSync(join(FIXTURE_DIR, "binhai-2024.txt")))).toBe("utf-8");
  });

  it("a scanned PDF gets one Chinese line asking for the Word file", async () => {
    await expect(decode("donghu-2024-scanned.pdf")).rejects.toThrow(PlanFileError);
    await expect(decode("donghu-2024-scanned.pdf")).rejects.toThrow(/扫描件.*Word 文件（\.docx）/);
  });

  it("old Office formats, pictures and broken files are refused with what to do instead", async () => {
    const refuse = (bytes: number[], name: string) => decodePlanFile(new Uint8Array(bytes), name);
    await expect(refuse([0xd0, 0xcf, 0x11, 0xe0, 1, 2], "方案.doc")).rejects.toThrow(/另存为 \.docx/);
    await expect(refuse([0x50, 0x4b, 0x03, 0x04, 0, 0, 0], "方案.docx")).rejects.toThrow(/不是有效的 Word/);
    await expect(refuse([0x89, 0x50, 0x4e, 0x47], "扫描.png")).rejects.toThrow(/图片/);
    await expect(refuse([], "空.txt")).rejects.toThrow(/空的/);
    await expect(refuse([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], "坏.pdf")).rejects.toThrow(/无法打开这个 PDF/);
  });
});

describe("numbered text around a task table", () => {
  it("an item that names its units but is not in the table is reported, not dropped", () => {
    const text = ["2024年某区政务公开工作要点任务分解表", "| 序号 | 工作任务 | 牵头单位 |", "|---|---|---|", "| 1 | 公开预算。 | 区财政局 |", "", "一、其他要求", "1.另行公开审计结果。（责任单位：区审计局）"].join("\n");
    const { plan, report } = importPlan(text);
    expect(plan.tasks.map((t) => t.id)).toEqual(["1"]);
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: "outside-table", line: 7, message: expect.stringContaining("另行公开审计结果") }));
  });
});
