import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../../api/cli/ledger-command";
import { UsageError } from "../../api/cli/args";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { ledgerWorkbook } from "../../api/xlsx/ledger-workbook";
import { testPlan, UNIT } from "../fixtures/ledger/plan";

const dir = mkdtempSync(join(tmpdir(), "taizhang-ledger-"));
const planFile = join(dir, "plan.json");
const today = "2022-07-15";

beforeAll(() => writeFileSync(planFile, JSON.stringify(testPlan)));
afterEach(() => vi.restoreAllMocks());

/** Runs the command as the CLI would and returns its exit code and what it printed. */
async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((out += String(chunk)), true));
  const code = await run(argv);
  vi.restoreAllMocks();
  return { code, out };
}

async function open(file: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets[0]!;
}

describe("ledger new", () => {
  it("writes the unit's 台账 like 附件3, with a 填报单位 line, a status list, real dates, frozen header and print setup", async () => {
    const out = join(dir, "new.xlsx");
    expect((await cli("new", "--plan", planFile, "--unit", "区建设局", "--out", out)).code).toBe(0);
    const sheet = await open(out);
    expect(sheet.getCell("A1").value).toBe("建设局政务公开工作任务台账");
    expect([sheet.getCell("A2").value, sheet.getCell("G2").value]).toEqual(["填报单位（盖章）：建设局", "填报日期：      年    月    日"]);
    expect(sheet.getRow(3).values).toEqual([undefined, "序号", "工作任务", "时限要求", "责任科室", "分管领导", "牵头/配合", "工作措施", "进展情况", "完成状态", "完成日期", "触发日期", "佐证材料", "备注"]);
    expect([4, 5, 6, 7].map((r) => [sheet.getCell(r, 1).value, sheet.getCell(r, 6).value, sheet.getCell(r, 9).value])).toEqual([
      ["1", "牵头", "未开始"], ["3", "配合", "未开始"], ["4", "配合", "未开始"], ["5", "牵头", "未开始"],
    ]);
    expect(sheet.getCell("I4").dataValidation).toMatchObject({ type: "list", formulae: ['"未开始,推进中,已完成,长期坚持,不适用"'] });
    expect(sheet.getCell("J4").numFmt).toBe("yyyy-mm-dd");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
  });

  it("sets the .xlsx up to print: A4 landscape, one page wide, the top three rows on every page, lines, rows as tall as their text", async () => {
    const out = join(dir, "print.xlsx");
    expect((await cli("new", "--plan", planFile, "--unit", "区建设局", "--out", out)).code).toBe(0);
    const sheet = await open(out);
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:3", horizontalCentered: true,
    });
    expect(sheet.getCell("B4").border).toMatchObject({ top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } });
    expect(sheet.getCell("B4").alignment).toMatchObject({ wrapText: true, vertical: "top" });
    // Task 1's text (信息形成或者变更之日起20个工作日内公开 …) wraps in its 36-character column; task 3's is one line.
    const heights = [4, 5, 6, 7].map((r) => sheet.getRow(r).height);
    expect(heights.every((h) => h >= 18)).toBe(true);
    expect(Math.max(...heights)).toBeGreaterThan(Math.min(...heights));
  });

  it("writes formula-like text inert and reads it back as typed", async () => {
    const rows = ledgerFor(testPlan, UNIT).map((r) => ({ ...r, office: "综合科", leader: "张三" }));
    rows[0] = { ...rows[0]!, measures: "=HYPERLINK(\"http://evil\")", status: "推进中" };
    const file = join(dir, "escape.xlsx");
    await ledgerWorkbook(testPlan, UNIT, rows).xlsx.writeFile(file);
    expect((await open(file)).getCell("G4").value).toBe("'=HYPERLINK(\"http://evil\")");
    expect((await cli("check", file, "--plan", planFile, "--unit", UNIT, "--today", today, "--json")).code).toBe(0);
  });

  it("refuses a unit that has no tasks in the plan", async () => {
    await expect(cli("new", "--plan", planFile, "--unit", "不存在局", "--out", join(dir, "x.xlsx"))).rejects.toThrow(/没有分配给「不存在局」的任务/);
  });
});

describe("ledger check", () => {
  it("finds no errors in a ledger made by `ledger new` and filled in", async () => {
    const file = join(dir, "filled.xlsx");
    await cli("new", "--plan", planFile, "--unit", UNIT, "--out", file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    for (let r = 4; r <= 7; r++) {
      sheet.getCell(r, 4).value = "综合科";
      sheet.getCell(r, 5).value = "张三";
    }
    Object.assign(sheet.getCell("G5"), { value: "梳理项目清单" });
    sheet.getCell("I5").value = "已完成";
    sheet.getCell("J5").value = new Date(Date.UTC(2022, 5, 28));
    sheet.getCell("L5").value = "区政府网站专栏";
    await workbook.xlsx.writeFile(file);

    const { code, out } = await cli("check", file, "--plan", planFile, "--unit", UNIT, "--today", today, "--json");
    expect(JSON.parse(out)).toMatchObject({ sheet: "台账", header: [3, 3], findings: [], summary: { rows: 4, errors: 0, warnings: 0 } });
    expect(code).toBe(0);
  });

  it("gives exactly the expected findings on a messy ledger", async () => {
    const file = await messyLedger();
    const { code, out } = await cli("check", file, "--plan", planFile, "--unit", UNIT, "--today", today, "--json");
    const report = JSON.parse(out);
    expect(report.findings.map((f: Record<string, unknown>) => [f.row, f.column, f.severity, f.code])).toEqual([
      [null, null, "warning", "extra-columns"],
      [null, null, "warning", "columns-absent"],
      [5, "状态", "warning", "status-synonym"],
      [5, "完成时间", "warning", "done-late"],
      [6, "状态", "warning", "overdue"],
      [8, "序号", "error", "unknown-task"],
      [9, "序号", "warning", "matched-by-text"],
      [null, "序号", "error", "missing-task"],
    ]);
    expect(report.findings[0].message).toBe("「联系人」列不是台账的列，已原样保留，不检查。");
    expect(report.findings[1].message).toContain("台账没有「备注」列");
    expect(report.findings[3].message).toBe("第5行「完成时间」2022-06-21晚于时限2022-06-20（逾期完成），请说明原因。");
    expect(report.findings[4].message).toContain("2022-06-30");
    expect(report.findings[6].message).toContain("请补上序号“5”");
    expect(report.findings[7].message).toContain("缺少第4项任务");
    expect(report.summary).toEqual({ rows: 5, errors: 2, warnings: 6 });
    expect(report.header).toEqual([3, 4]);
    expect(report.columns.map((c: { column: string; field: string | null }) => `${c.column}:${c.field}`)).toEqual([
      "A:no", "B:task", "C:deadline", "D:office", "E:leader", "F:measures", "G:progress", "H:status", "I:doneOn", "J:triggeredOn", "K:evidence", "L:null",
    ]);
    expect(code).toBe(1);
  });

  it("prints a readable table, and writes a marked copy without touching the input", async () => {
    const file = await messyLedger();
    const marked = join(dir, "marked.xlsx");
    const before = createHash("sha256").update(readFileSync(file)).digest("hex");
    const { code, out } = await cli("check", file, "--plan", planFile, "--unit", UNIT, "--today", today, "--marked-out", marked);
    expect(code).toBe(1);
    expect(out).toMatch(/^读取工作表「建设局台账」，表头在第3–4行\n/);
    expect(out).toContain("F 落实情况/具体措施 → 工作措施");
    expect(out).toContain("L 联系人（不检查）");
    expect(out).toMatch(/\n行\s+列\s+级别\s+说明/);
    expect(out).toContain("8   序号      错误  第8行「序号」“99”不在方案的任务中");
    expect(out).toContain("共 5 行：2 个错误，6 个警告");
    expect(createHash("sha256").update(readFileSync(file)).digest("hex")).toBe(before);
    const sheet = await open(marked);
    expect(sheet.getCell("A8").note).toContain("“99”不在方案的任务中");
    expect(sheet.getCell("A8").fill).toMatchObject({ fgColor: { argb: "FFFFC7CE" } });
    expect(sheet.getCell("H5").fill).toMatchObject({ fgColor: { argb: "FFFFEB9C" } });
  });

  it("exits 2 with one line when the file, sheet or arguments are unusable", async () => {
    const file = await messyLedger();
    const cases: [string[], RegExp][] = [
      [["check", join(dir, "none.xlsx"), "--plan", planFile, "--unit", UNIT], /无法打开/],
      [["check", file, "--plan", planFile, "--unit", UNIT, "--sheet", "汇总"], /没有名为「汇总」的工作表/],
      [["check", file, "--plan", planFile, "--unit", UNIT, "--today", "2022/7/1"], /today：日期格式应为 YYYY-MM-DD/],
      [["check", file, "--unit", UNIT], /--plan/],
      [["check", file, "--plan", planFile, "--unit", UNIT, "--marked-out", file], /不能与被检查的文件相同/],
      [["check", file, "--plan", join(dir, "nope.json"), "--unit", UNIT], /无法读取方案文件/],
    ];
    for (const [argv, message] of cases) {
      const error = await cli(...argv).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("\n");
    }
  });
});

/**
 * A unit's own sheet as clerks make them: title rows, a two-row header with renamed columns and a column
 * Taizhang does not know, text dates in four forms, 完成 for 已完成, task 4 missing, an unknown number, a row
 * without number whose text is a shortened requirement, an overdue row, and a relative deadline with its 触发日期.
 */
async function messyLedger(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("建设局台账");
  sheet.addRow(["高新区建设局政务公开工作任务台账"]);
  sheet.addRow(["填报单位：建设局（盖章）"]);
  sheet.addRow(["序号", "具体\n任务", "完成时限", "责任科室（单位）", "责任领导", "落实情况", null, null, "完成时间", "触发日期", "佐证材料", "联系人"]);
  sheet.mergeCells("F3:H3");
  sheet.addRow([null, null, null, null, null, "具体措施", "进展情况", "状态"]);
  sheet.addRows([
    // 5: done one working day late: 20 working days from 5月20日 is 6月20日 (端午 6月3日 off)
    [1, "加强房地产市场监管信息公开", "信息形成或者变更之日起20个工作日内公开", "综合科", "张三", "及时公开", "已公开3条", "完成", "2022/6/21", "2022年5月20日", "网站链接", "李四"],
    // 6: the unit's own earlier deadline, passed and not done
    [3, "城市更新项目信息公开", "2022.6.30", "规划科", "王五", "梳理项目", "进行资料收集", "推进中"],
    // 7: a further row of task 3, finished on 5月31日
    ["3（续）", null, null, null, null, "公开计划", "已公开", "已完成", "5月31日", null, "公告"],
    // 8: a number the plan does not have
    [99, "某项不存在的任务", "年底前", "综合科", "张三", null, null, "未开始"],
    // 9: no number, the requirement shortened
    [null, "做好保障性住房分配信息公开", "2022年8月底前", "住房科", "钱七", null, null, "未开始"],
  ]);
  const file = join(dir, `messy-${Math.random().toString(36).slice(2)}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}
