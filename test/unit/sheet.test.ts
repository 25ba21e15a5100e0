import { describe, expect, it } from "vitest";
import { escapeFormulaText, unescapeFormulaText } from "../../core/sheet/escape";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { readSheet } from "../../core/sheet/read-sheet";
import { validate } from "../../core/validate/validate";
import { coerceInput } from "../e2e/workbook-double/model";
import { testPlan, UNIT } from "../fixtures/ledger/plan";

describe("escapeFormulaText", () => {
  it.each(["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "  =HYPERLINK(\"http://x\")", "\tx", "\rx"])("makes %j inert", (text) => {
    expect(escapeFormulaText(text)).toBe(`'${text}`);
    expect(unescapeFormulaText(escapeFormulaText(text))).toBe(text);
  });

  it("leaves ordinary text alone, and reads a quote another program wrote before harmless text as typed", () => {
    for (const text of ["综合科", "2022年6月底前", "a=b"]) {
      expect(escapeFormulaText(text)).toBe(text);
      expect(unescapeFormulaText(text)).toBe(text);
    }
    expect(unescapeFormulaText("'引号开头")).toBe("'引号开头");
  });

  it("quotes a clerk's own leading quote, which Excel would otherwise take as its prefix and drop", () => {
    for (const text of ["'引号开头", "'=", "''+1", "' =A1"]) {
      expect(escapeFormulaText(text)).toBe(`'${text}`);
      expect(unescapeFormulaText(escapeFormulaText(text))).toBe(text);
      // Through Office.js, Excel keeps what follows its quote prefix: the clerk's text exactly.
      expect(coerceInput(escapeFormulaText(text), "@").value).toBe(text);
    }
  });

  it("keeps Office.js Range.values from entering a formula", () => {
    expect(coerceInput("=1+1", "General").formula).toBe("=1+1");
    expect(coerceInput(escapeFormulaText("=1+1"), "General").formula).toBeUndefined();
  });
});

describe("LEDGER_COLUMNS", () => {
  it("starts with the 附件3 columns and has one column per field", () => {
    expect(LEDGER_COLUMNS.slice(0, 5).map((c) => c.header)).toEqual(["序号", "工作任务", "时限要求", "责任科室", "分管领导"]);
    expect(new Set(LEDGER_COLUMNS.map((c) => c.field)).size).toBe(LEDGER_COLUMNS.length);
  });
});

describe("readSheet", () => {
  const cells = [
    ["建设局政务公开工作任务台账"],
    ["填报日期：2022年7月"],
    ["序 号", "工作\n任务", "完成时限", "责任科室（单位）", "责任领导", "联系人", "状态", "完成时间"],
    [1, "加强房地产市场监管信息公开", "长期", "综合科", "张三", "李四", "推进中", null],
    ["", "", "", "", "", "", "推进中", ""],
    [null, "做好保障性住房分配信息公开", "", "住房科", "钱七", "", "未开始", ""],
    [null, "做好信息公开，公开", "", "", "", "", "", ""],
    [],
  ];
  const sheet = readSheet(cells, testPlan, UNIT);

  it("finds the header below title rows and maps renamed headers", () => {
    expect(sheet.headerRow).toBe(2);
    expect(sheet.columns.map((c) => c.field ?? null)).toEqual(["no", "task", "deadline", "office", "leader", null, "status", "doneOn"]);
    expect(sheet.unknownColumns).toEqual([{ index: 5, header: "联系人", label: "联系人" }]);
    expect(sheet.findings).toEqual([
      expect.objectContaining({ row: null, column: null, severity: "warning", code: "extra-columns", message: "「联系人」列不是台账的列，已原样保留，不检查。" }),
    ]);
  });

  it("reads every non-empty row below the header, with its place in the cells", () => {
    expect(sheet.rowNumbers).toEqual([3, 4, 5, 6]);
    expect(sheet.rows[0]).toMatchObject({ no: 1, office: "综合科", status: "推进中" });
  });

  it("matches rows by number, by text, and says when the text is too vague", () => {
    expect(sheet.matches[0]).toEqual({ row: 0, how: "number", taskId: "1" });
    expect(sheet.matches[1]).toEqual({ row: 1, how: "continuation", taskId: "1" });
    expect(sheet.matches[2]).toMatchObject({ row: 2, how: "text", taskId: "5" });
    expect(sheet.matches[3]!.taskId).toBeUndefined();
    expect(sheet.matches[3]!.candidates!.length).toBeGreaterThan(1);
  });

  it("reads an emptied merged 序号 (as Range.values gives it) as a further row of the task above", () => {
    const codes = validate(testPlan, UNIT, sheet.rows, { today: "2022-07-15", sheet: sheet.shape }).map((f) => [f.row, f.code]);
    expect(codes).toContainEqual([3, "ambiguous-match"]);
    expect(codes.filter(([row]) => row === 1)).toEqual([]);
  });

  it("reports a sheet without a header", () => {
    const none = readSheet([["随便写写"], [1, 2, 3]], testPlan, UNIT);
    expect(none.headerRow).toBe(-1);
    expect(none.findings.map((f) => f.code)).toEqual(["header-not-found"]);
  });
});
