import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importPlan, PlanImportError } from "../../core/plan/import";
import { parseUnitCell } from "../../core/plan/import/units";
import { Plan, type Task } from "../../core/plan/schema";

const seed = (file: string) => readFileSync(join("seeds", file), "utf8");
const SEEDS = {
  "000": seed("000_e0dc085947c93f90.txt"),
  "001": seed("001_512a5e0ef4657c09.txt"),
  "003": seed("003_9d18277b23ecf8aa.txt"),
  "004": seed("004_b9d0d7dea662bf5e.txt"),
};
const imported = {
  "000": importPlan(SEEDS["000"]),
  "001": importPlan(SEEDS["001"], { year: 2022 }),
  "003": importPlan(SEEDS["003"]),
  "004": importPlan(SEEDS["004"]),
};
const task = (key: keyof typeof imported, id: string): Task => {
  const found = imported[key].plan.tasks.find((t) => t.id === id);
  if (!found) throw new Error(`seed ${key} has no task ${id}`);
  return found;
};

describe("plan import of the four seed documents", () => {
  it("finds every numbered requirement, in the printed order", () => {
    expect(imported["000"].plan.tasks.map((t) => t.id)).toEqual(Array.from({ length: 52 }, (_, i) => String(i + 1)));
    expect(imported["001"].plan.tasks.map((t) => t.id)).toEqual(Array.from({ length: 42 }, (_, i) => String(i + 1)));
    // Seed 003 skips 3 in its own numbering; the ids keep the document's numbers.
    expect(imported["003"].plan.tasks.map((t) => t.id)).toEqual(["1", "2", ...Array.from({ length: 58 }, (_, i) => String(i + 4))]);
    expect(imported["004"].plan.tasks).toHaveLength(27);
    expect(imported["004"].plan.tasks.slice(0, 5).map((t) => t.id)).toEqual(["1.1.1", "1.1.2", "1.1.3", "1.2", "1.3"]);
  });

  it("recognises each layout by itself", () => {
    expect(Object.values(imported).map((r) => r.report.layout)).toEqual(["markdown-table", "tab-cells", "tab-cells", "numbered-prose"]);
  });

  it("splits a cell holding several numbered requirements into tasks with the same units", () => {
    const [t9, t10, t11, t12] = ["9", "10", "11", "12"].map((id) => task("000", id));
    expect(t9!.text).toMatch(/^严格执行疫情防控信息发布各项制度/);
    expect(t10!.text).toMatch(/^积极发挥广东数字政府/);
    expect(t12!.text).toMatch(/^进一步规范流调信息发布/);
    for (const t of [t10, t11, t12]) expect(t!.lead).toEqual(t9!.lead);
    // "12366" inside a sentence is not item 12366.
    expect(task("000", "16").text).toContain("12366");
  });

  it("reads the cover letter: title, year, issuer, document number, issue date, ledger due date", () => {
    const p000 = imported["000"].plan;
    expect(p000).toMatchObject({
      title: "高新区贯彻落实国家和省2022年政务公开工作要点分工方案",
      year: 2022,
      issuer: "珠海高新技术产业开发区党政办公室",
      docNumber: "珠高办〔2022〕70号",
      issuedOn: "2022-07-04",
    });
    expect(imported["003"].plan).toMatchObject({ year: 2022, issuedOn: "2022-05-18", ledgerDue: "2022-05-31", title: "2022年高新区政务公开工作方案" });
    expect(imported["004"].plan).toMatchObject({ year: 2017, title: "2017年高新区政务信息公开工作要点分工方案" });
    expect(imported["001"].plan.title).toBe("江门市住房城乡建设局贯彻落实国务院办公厅政务公开工作要点分工方案");
  });

  it("reads lead, supporting and all-unit assignments", () => {
    expect(task("000", "1")).toMatchObject({ lead: ["区综治局"], support: [], allUnits: true });
    expect(task("001", "2")).toMatchObject({ lead: ["办公室", "法规信访科"], support: [], allUnits: true });
    expect(task("001", "5")).toMatchObject({ lead: ["村镇科"], support: ["计财科"], allUnits: false });
    expect(task("000", "6")).toMatchObject({ lead: ["区党政办"], allUnits: true, offices: { 区党政办: ["文秘科", "宣传信息科"] } });
    expect(task("001", "3")).toMatchObject({ lead: ["办公室", "法规信访科", "人事科"], support: [], allUnits: false });
    // A unit cell broken over lines in seed 001: "办公室、各单位" … "办理".
    expect(task("001", "14")).toMatchObject({ lead: ["办公室"], allUnits: true });
    expect(task("004", "2.1")).toMatchObject({ lead: ["区纪工委", "区发改财政局"] });
  });

  it("lists every unit once in the plan's directory, the cover letter's addressees included", () => {
    const names = imported["000"].plan.units.map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["区综治局", "区党政办", "唐家湾镇", "市公安局高新分局"]));
    expect(imported["001"].plan.units.map((u) => u.name)).toEqual(expect.arrayContaining(["办公室", "法规信访科", "村镇科", "计财科"]));
  });

  it("names one unit written two ways as one unit with an alias", () => {
    const text = ["2023年某区政务公开工作要点分工方案", "一、基础", "1.第一项。（责任单位：区党政办）", "2.第二项。（责任单位：党政办）"].join("\n");
    const { plan } = importPlan(text);
    expect(plan.units).toEqual([{ name: "区党政办", aliases: ["党政办"] }]);
    expect(plan.tasks[1]!.lead).toEqual(["区党政办"]);
  });

  it("reads the closing request for the 台账 as the plan's date, not as the last task's text or deadline", () => {
    const text = [
      "2025年某区政务公开工作要点分工方案",
      "一、平台建设",
      "1.规范政务新媒体管理，下半年开展一次全面检查。（牵头单位：区委网信办）",
      "",
      "各单位请于2025年12月10日前将工作台账报送区政务公开办。",
    ].join("\n");
    const { plan } = importPlan(text);
    expect(plan.ledgerDue).toBe("2025-12-10");
    expect(plan.tasks).toHaveLength(1);
    expect(plan.tasks[0]!.text).toBe("规范政务新媒体管理，下半年开展一次全面检查。");
    expect(plan.tasks[0]!.deadline.rules).toEqual([{ kind: "by", date: "2025-12-31" }]);
  });

  it("reads deadlines into rules and keeps the words", () => {
    expect(task("001", "1").deadline).toEqual({ text: "及时更新", rules: [{ kind: "ongoing" }] });
    expect(task("001", "41").deadline.rules).toEqual([{ kind: "annual", month: 1, day: 31 }]);
    expect(task("001", "42").deadline.rules).toEqual([{ kind: "annual", month: 2, day: "last" }]);
    expect(task("003", "1").deadline.rules).toEqual([
      { kind: "within", amount: 20, unit: "workday", after: "信息形成或者变更" },
      { kind: "within", amount: 7, unit: "workday", after: "处罚结果作出" },
    ]);
    expect(task("003", "61").deadline.rules).toEqual([{ kind: "by", date: "2022-06-30" }]);
    expect(task("000", "4").deadline.rules).toEqual([{ kind: "by", date: "2022-12-31" }]);
    // Seed 004 states its deadline inside the requirement: "每月25日前…发布".
    expect(task("004", "2.1").deadline.rules).toContainEqual({ kind: "monthly", day: 25 });
  });

  it("inherits merged cells of seed 003 from the row above under the same heading, and says so", () => {
    expect(task("003", "6").deadline.text).toBe(task("003", "5").deadline.text);
    expect(imported["003"].report.warnings).toContainEqual(expect.objectContaining({ code: "merged-cell", message: expect.stringContaining("序号6") }));
  });

  it("reports what it could not read, citing the source line, instead of dropping it", () => {
    const item39 = imported["000"].report.warnings.find((w) => w.code === "no-unit");
    expect(item39).toMatchObject({ line: 71, message: expect.stringContaining("第39项") });
    expect(task("000", "39")).toMatchObject({ lead: [], allUnits: false });
    // 附件2 of seed 003: every entry reported with the local unit answering for it.
    const upstream = imported["003"].report.warnings.filter((w) => w.code === "upstream-item");
    expect(upstream).toHaveLength(14);
    expect(upstream[0]!.message).toContain("组织人事部");
    const unparsed = imported["003"].report.warnings.filter((w) => w.code === "deadline-unparsed");
    expect(unparsed.length).toBe(imported["003"].report.counts.rulesUnparsed);
    expect(unparsed.map((w) => w.message).join()).toContain("征求意见期限不少于30日");
    // The damaged "2、" of seed 004 is read as 二、 and reported.
    expect(imported["004"].report.warnings).toContainEqual(expect.objectContaining({ code: "damaged-heading", line: 30 }));
    expect(task("004", "2.1").section).toBe("二、进一步推进财政资金信息公开");
  });

  it("counts tasks, units and rules in the report", () => {
    expect(imported["003"].report.counts).toMatchObject({ tasks: 60, units: imported["003"].plan.units.length });
    expect(imported["001"].report.counts).toEqual({ tasks: 42, units: 9, rulesParsed: 42, rulesUnparsed: 0 });
  });

  it("refuses a text with no tasks, or with no year, with a Chinese sentence saying what to do", () => {
    expect(() => importPlan("这是一段随意的文字。")).toThrow(PlanImportError);
    expect(() => importPlan(SEEDS["001"])).toThrow(/--year/);
  });
});

describe("unit cells", () => {
  it.each([
    ["区综治局牵头，各单位按职责分工落实", { lead: ["区综治局"], support: [], allUnits: true }],
    ["办公室、法规信访科牵头，各科室（单位）配合", { lead: ["办公室", "法规信访科"], support: [], allUnits: true }],
    ["村镇科牵头，计财科配合", { lead: ["村镇科"], support: ["计财科"], allUnits: false }],
    ["各单位按职责分工落实", { lead: [], support: [], allUnits: true }],
    ["营商环境评价指标牵头部门牵头、各职能部门落实", { lead: ["营商环境评价指标牵头部门"], support: [], allUnits: true }],
    ["群众工作部牵头、行政规范性文件制定部门具体落实", { lead: ["群众工作部"], support: ["行政规范性文件制定部门"], allUnits: false }],
  ])("%s", (cell, expected) => {
    expect(parseUnitCell(cell)).toMatchObject(expected);
  });
});

describe("seed plan templates", () => {
  const index: { file: string; id: string; year?: number }[] = JSON.parse(readFileSync("seeds/plans/index.json", "utf8"));
  it.each(index.map((s) => [s.id, s.file, s.year] as const))("seeds/plans/%s.json is what the parser makes of %s today", (id, file, year) => {
    const committed = JSON.parse(readFileSync(`seeds/plans/${id}.json`, "utf8"));
    // A failure here means the parser's output drifted: run `npm run seeds` and review the diff.
    expect(importPlan(seed(file), { id, year }).plan).toEqual(committed);
  });
});

describe("properties", () => {
  it("arbitrary text never throws anything but a PlanImportError", () => {
    const pieces = fc.constantFrom("一、", "（一）", "1.", "2.", "| a | b | c | d |", "|---|", "\t", "\n", "牵头", "（责任单位：区党政办）", "2022年", "附件2", "序号", "每月25日前", " ");
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), pieces), { maxLength: 60 }), (parts) => {
        try {
          importPlan(parts.join(""), { year: 2022 });
        } catch (error) {
          if (!(error instanceof PlanImportError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a plan's JSON re-parses through the Plan schema unchanged", () => {
    for (const { plan } of Object.values(imported)) {
      const again = Plan.parse(JSON.parse(JSON.stringify(plan)));
      expect(again).toEqual(plan);
    }
  });
});

// Each case starts the CLI in a process of its own: seconds on a busy machine.
describe("taizhang plan import (CLI)", { timeout: 30_000 }, () => {
  const tsx = [process.execPath, "--import", "tsx", "api/cli/main.ts", "plan"] as const;
  const cli = (...args: string[]) => spawnSync(tsx[0], [...tsx.slice(1), ...args], { encoding: "utf8" });

  it("prints the plan JSON on stdout and the report on stderr", () => {
    const out = join(mkdtempSync(join(tmpdir(), "taizhang-plan-")), "plan.json");
    const result = cli("import", "seeds/004_b9d0d7dea662bf5e.txt", "--id", "p2017", "--out", out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("任务 27 项");
    expect(Plan.parse(JSON.parse(readFileSync(out, "utf8"))).id).toBe("p2017");
    const stdout = execFileSync(tsx[0], [...tsx.slice(1), "import", "seeds/001_512a5e0ef4657c09.txt", "--year", "2022"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(JSON.parse(stdout).tasks).toHaveLength(42);
  });

  it("exits 2 with one clear line for an unreadable file, a text with no tasks, or no year", () => {
    const dir = mkdtempSync(join(tmpdir(), "taizhang-plan-"));
    writeFileSync(join(dir, "empty.txt"), "没有任务的文字");
    for (const [args, words] of [
      [["import", join(dir, "missing.txt")], "文件不存在"],
      [["import", join(dir, "empty.txt")], "没有在文本中找到编号的任务"],
      [["import", "seeds/001_512a5e0ef4657c09.txt"], "--year"],
      [["import", "seeds/001_512a5e0ef4657c09.txt", "--year", "twenty"], "--year"],
    ] as const) {
      const result = cli(...args);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(words);
    }
  });
});

describe("the offices a plan names inside a unit", () => {
  it("prefill that unit's 责任科室 in its ledger", async () => {
    const { ledgerFor } = await import("../../core/ledger/ledger-for");
    const rows = ledgerFor(imported["000"].plan, "区党政办");
    expect(rows.find((r) => r.taskId === "6")!.office).toBe("文秘科、宣传信息科");
    expect(rows.find((r) => r.taskId === "1")!.office).toBe("");
    expect(ledgerFor(imported["000"].plan, "区综治局").find((r) => r.taskId === "6")!.office).toBe("");
  });
});
