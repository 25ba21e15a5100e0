// The importer on documents written for this test in layouts the seeds do not use: each fixture's hand-checked
// expectations (test/fixtures/plans/expectations.ts) against what the importer reads.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importPlan, PlanImportError } from "../../core/plan/import";
import { FIXTURES } from "../fixtures/plans/expectations";

const FIXTURE_DIR = join(import.meta.dirname, "..", "fixtures", "plans");
const read = (file: string) => readFileSync(join(FIXTURE_DIR, file), "utf8");

describe.each(FIXTURES)("$file", (fixture) => {
  const { plan, report } = importPlan(fixture.file.endsWith(".csv") ? { kind: "text", text: read(fixture.file), csv: true } : read(fixture.file), { year: fixture.year });

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
