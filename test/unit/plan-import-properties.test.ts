// Properties of the importer: any plan rendered into any of the table layouts (and numbered prose) reads back as
// the same tasks; arbitrary text, tables and sheets never throw anything but the Chinese PlanImportError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importPlan, PlanImportError, type PlanSource } from "../../core/plan/import";
import { planSheetContent, readPlanSheet } from "../../core/plan/plan-sheet";
import type { DeadlineRule, Plan } from "../../core/plan/schema";

const UNITS = ["区财政局", "区发改局", "区政府办", "区司法局", "区教育局", "区民政局", "区住建局"];
const WORDS = ["公开", "政策", "解读", "目录", "财政", "信息", "平台", "更新", "数据", "办理", "结果", "规范", "加强", "推进"];
const SECTIONS = ["一、推进决策公开", "二、加强政策解读", "三、夯实公开平台"];
/** Each wording with the rule a person reads in it (not what the importer says). */
const DEADLINES: Array<[string, DeadlineRule[]]> = [
  ["长期坚持", [{ kind: "ongoing" }]],
  ["2024年6月底前", [{ kind: "by", date: "2024-06-30" }]],
  ["每季度", [{ kind: "periodic", every: "quarter" }]],
  ["一季度", [{ kind: "by", date: "2024-03-31" }]],
  ["每年1月31日前", [{ kind: "annual", month: 1, day: 31 }]],
  ["每月10日前", [{ kind: "monthly", day: 10 }]],
  ["下半年", [{ kind: "by", date: "2024-12-31" }]],
  ["9月中旬", [{ kind: "by", date: "2024-09-20" }]],
];
const TITLE = "2024年某区政务公开工作要点分工方案";

interface Row {
  id: string;
  section: string;
  text: string;
  lead: string[];
  support: string[];
  allUnits: boolean;
  deadline: number;
}

const rowsArb = fc
  .array(
    fc.record({
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 8 }),
      lead: fc.subarray(UNITS, { minLength: 1, maxLength: 2 }),
      support: fc.subarray(UNITS, { maxLength: 2 }),
      allUnits: fc.boolean(),
      deadline: fc.nat(DEADLINES.length - 1),
      section: fc.nat(SECTIONS.length - 1),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((drafts) => {
    const sorted = [...drafts].sort((a, b) => a.section - b.section);
    return sorted.map((d, i): Row => ({
      id: String(i + 1),
      section: SECTIONS[d.section]!,
      // A comma and a full stop inside, as real requirements have.
      text: `${d.words.slice(0, 2).join("")}，${d.words.slice(2).join("") || "落实"}。`,
      lead: d.lead,
      support: d.support.filter((u) => !d.lead.includes(u)),
      allUnits: d.allUnits,
      deadline: d.deadline,
    }));
  });

const supportCell = (r: Row) => [...r.support, ...(r.allUnits ? ["各单位"] : [])].join("、");
const cells = (r: Row) => [r.id, r.text, r.lead.join("、"), supportCell(r), DEADLINES[r.deadline]![0]];
const HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"];
/** Rows with a section row each time the section changes. */
function withSections(rows: Row[], section: (name: string) => string[], row: (r: Row) => string[]): string[][] {
  const out: string[][] = [];
  let current = "";
  for (const r of rows) {
    if (r.section !== current) out.push(section((current = r.section)));
    out.push(row(r));
  }
  return out;
}
const blank = (name: string) => [name, "", "", "", ""];
const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;
const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

const LAYOUTS: Record<string, (rows: Row[]) => PlanSource> = {
  markdown: (rows) => ({ kind: "text", text: [TITLE, `| ${HEADER.join(" | ")} |`, "|---|---|---|---|---|", ...withSections(rows, blank, cells).map((c) => `| ${c.join(" | ")} |`)].join("\n") }),
  "markdown without outer pipes": (rows) => ({ kind: "text", text: [TITLE, HEADER.join(" | "), "--- | --- | --- | --- | ---", ...withSections(rows, blank, cells).map((c) => c.join(" | "))].join("\n") }),
  "tab-separated": (rows) => ({ kind: "text", text: [TITLE, HEADER.join("\t"), ...withSections(rows, blank, cells).map((c) => c.join("\t"))].join("\n") }),
  csv: (rows) => ({ kind: "text", csv: true, text: `\ufeff${[TITLE, HEADER.join(","), ...withSections(rows, blank, cells).map((c) => c.map(csvCell).join(","))].join("\r\n")}` }),
  html: (rows) => ({
    kind: "html",
    origin: "网页",
    html: `<h1>${TITLE}</h1><table><tr>${HEADER.map((h) => `<th>${h}</th>`).join("")}</tr>${withSections(rows, (name) => [name], cells)
      .map((c) => (c.length === 1 ? `<tr><td colspan="5"><p><b>${escapeHtml(c[0]!)}</b></p></td></tr>` : `<tr>${c.map((x) => `<td><span>${escapeHtml(x)}</span></td>`).join("")}</tr>`))
      .join("")}</table>`,
  }),
  "one cell per line": (rows) => ({
    kind: "text",
    text: [TITLE, ...HEADER.map((h) => `\t${h}`), "", ...withSections(rows, blank, cells).flatMap((c) => [...c.map((x) => `\t${x}`), ""])].join("\n"),
  }),
  "one cell per line with bars": (rows) => ({
    kind: "text",
    text: [TITLE, ...HEADER.flatMap((h) => [h, "|"]), ...withSections(rows, blank, cells).flatMap((c) => c.flatMap((x) => [x, "|"]))].join("\n"),
  }),
  "excel sheet": (rows) => ({
    kind: "sheets",
    sheets: [{ name: "分解表", rows: [{ cells: [{ text: TITLE, colspan: 5 }], line: 1 }, { cells: HEADER.map((text) => ({ text })), line: 2 }, ...withSections(rows, (name) => [name], cells).map((c, i) => ({ cells: c.length === 1 ? [{ text: c[0]!, colspan: 5 }] : c.map((text) => ({ text })), line: i + 3 }))] }],
  }),
  "numbered prose": (rows) => ({
    kind: "text",
    text: [TITLE, ...withSections(rows, (name) => [name], (r) => [`${r.id}.${r.text}（牵头单位：${r.lead.join("、")}；${r.support.length || r.allUnits ? `配合单位：${supportCell(r)}；` : ""}完成时限：${DEADLINES[r.deadline]![0]}）`]).map((c) => c[0]!)].join("\n"),
  }),
};

function expected(rows: Row[]) {
  return rows.map((r) => ({ id: r.id, text: r.text, lead: r.lead, support: r.support, allUnits: r.allUnits, rules: DEADLINES[r.deadline]![1], section: r.section }));
}
const actual = (plan: Plan) => plan.tasks.map((t) => ({ id: t.id, text: t.text, lead: t.lead, support: t.support, allUnits: t.allUnits, rules: t.deadline.rules, section: t.section }));

describe("a plan rendered into each layout reads back as the same tasks", () => {
  it.each(Object.keys(LAYOUTS))("%s", (layout) => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const { plan } = importPlan(LAYOUTS[layout]!(rows));
        expect(plan.year).toBe(2024);
        expect(actual(plan)).toEqual(expected(rows));
      }),
      { numRuns: 40 },
    );
  });

  it("the 方案 sheet", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const { plan } = importPlan(LAYOUTS.markdown!(rows));
        const reading = readPlanSheet(planSheetContent(plan).rows, { id: plan.id, units: plan.units });
        expect(actual(reading.plan!)).toEqual(expected(rows));
      }),
      { numRuns: 40 },
    );
  });
});

describe("arbitrary input never throws anything but a PlanImportError", () => {
  const pieces = fc.constantFrom("一、", "（一）", "①", "1.", "2.", "1.1", "第一条", "| a | b |", "|---|", "\t", "\n", "\r\n", ",", '"', "牵头", "配合单位：", "（责任单位：区党政办）", "2022年", "附件2", "序号", "工作任务", "牵头单位", "完成时限", "每月25日前", "<table>", "<td rowspan=99999>", "</tr>", "一季度", " ");
  const text = fc.array(fc.oneof(fc.string(), fc.constantFrom("\u0000", "\uFFFE", "\uD800"), pieces), { maxLength: 80 }).map((parts) => parts.join(""));
  const attempt = (source: string | PlanSource) => {
    try {
      importPlan(source, { year: 2024 });
    } catch (error) {
      if (!(error instanceof PlanImportError)) throw error;
    }
  };

  it("as text, CSV and HTML", () => {
    fc.assert(
      fc.property(text, (t) => {
        attempt(t);
        attempt({ kind: "text", text: t, csv: true });
        attempt({ kind: "html", html: t, origin: "网页" });
      }),
      { numRuns: 300 },
    );
  });

  it("as a sheet with any spans, and as the 方案 sheet", () => {
    const cell = fc.record({ text: fc.oneof(fc.string(), pieces), rowspan: fc.option(fc.integer({ min: -3, max: 1_000_000 }), { nil: undefined }), colspan: fc.option(fc.integer({ min: -3, max: 1_000_000 }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 20 }), (grid) => {
        attempt({ kind: "sheets", sheets: [{ name: "表", rows: grid.map((cells, i) => ({ cells, line: i + 1 })) }] });
        readPlanSheet(grid.map((row) => row.map((c) => c.text)));
      }),
      { numRuns: 200 },
    );
  });
});
