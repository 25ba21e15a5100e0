// The words and values units write, one rule at a time: header names and meanings, task numbers, dates, status
// words and 是/否, and what a sheet lacking a column is told.
import { describe, expect, it } from "vitest";
import { readCellDate } from "../../core/dates";
import type { LedgerRow } from "../../core/ledger/schema";
import { readStatus } from "../../core/ledger/status";
import { chineseNumeral, numberKey } from "../../core/ledger/task-number";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { sheetAdoption } from "../../core/sheet/adoption";
import { LEDGER_COLUMNS, type LedgerField } from "../../core/sheet/columns";
import { fieldOfHeader, headerLike, namesOf, statusFormOf } from "../../core/sheet/headers";
import { ledgerCell } from "../../core/sheet/ledger-sheet";
import { pickLedgerSheet } from "../../core/sheet/pick-sheet";
import { readSheet } from "../../core/sheet/read-sheet";
import { reconcileRows } from "../../core/sheet/reconcile";
import { validate } from "../../core/validate/validate";
import { testPlan, UNIT } from "../fixtures/ledger/plan";

const field = (header: string) => fieldOfHeader(header)?.field;

describe("header words", () => {
  it("knows every field by the names the issue lists", () => {
    const listed: Record<string, LedgerField> = {
      序号: "no", 编号: "no", 任务编号: "no",
      工作任务: "task", 重点工作: "task", 任务名称: "task", 工作内容: "task", 任务内容: "task",
      时限要求: "deadline", 完成时限: "deadline", 时间节点: "deadline",
      责任科室: "office", 责任股室: "office", 责任部门: "office", 承办科室: "office",
      分管领导: "leader", 责任领导: "leader", 责任人: "leader",
      工作措施: "measures", 具体措施: "measures", 推进措施: "measures", 落实措施: "measures",
      进展情况: "progress", 完成进度: "progress", 推进情况: "progress", 完成情况: "progress", 落实情况: "progress",
      状态: "status", 完成状态: "status", 是否完成: "status", 办理状态: "status",
      完成日期: "doneOn", 完成时间: "doneOn", 办结日期: "doneOn", 办结时间: "doneOn",
      佐证材料: "evidence", 佐证: "evidence", 证明材料: "evidence", 附件: "evidence", 备注: "note",
    };
    for (const [header, expected] of Object.entries(listed)) expect(field(header), header).toBe(expected);
    for (const column of LEDGER_COLUMNS) expect(namesOf(column.field)).toContain(column.header);
  });

  it("reads new words by their meaning, and says it did", () => {
    expect(fieldOfHeader("主要工作举措")).toMatchObject({ field: "measures", how: "meaning" });
    expect(fieldOfHeader("目前推进进度")).toMatchObject({ field: "progress", how: "meaning" });
    expect(fieldOfHeader("计划完成时限")).toMatchObject({ field: "deadline", how: "meaning" });
    expect(fieldOfHeader("是否按期办结")).toMatchObject({ field: "status", how: "meaning" });
    expect(fieldOfHeader("实际办结时间")).toMatchObject({ field: "doneOn", how: "meaning" });
    expect(fieldOfHeader("牵头承办部门")).toMatchObject({ field: "office", how: "meaning" });
    expect(fieldOfHeader("佐证资料链接")).toMatchObject({ field: "evidence", how: "meaning" });
  });

  it("does not take prose, titles or other people for a header", () => {
    for (const text of ["1. 序号、工作任务按方案附件1填写，不得改动任务内容。", "高新区建设局2022年政务公开重点工作台账", "填报单位：建设局（盖章）", "联系人", "联系电话", "经办人", "2022年7月10日"]) {
      expect(field(text), text).toBeUndefined();
    }
    expect(headerLike("45797")).toBe(false);
  });

  it("folds spaces, line breaks, full-width forms, asterisks and bracketed hints", () => {
    expect(field("序 号")).toBe("no");
    expect(field("工作\n任务")).toBe("task");
    expect(field("＊责任科室（填写全称）")).toBe("office");
    expect(field("是否完成(是/否)")).toBe("status");
    expect(statusFormOf("是否完成（是/否）")).toBe("yesNo");
    expect(statusFormOf("完成状态")).toBe("words");
  });

  it("reads a lone 责任人 as 分管领导, and keeps it as an extra column beside a 分管领导", () => {
    const lone = readSheet([["序号", "工作任务", "责任人"]], testPlan, UNIT);
    expect(lone.columns.map((c) => c.field)).toEqual(["no", "task", "leader"]);
    const both = readSheet([["序号", "工作任务", "责任人", "分管领导"]], testPlan, UNIT);
    expect(both.columns.map((c) => c.field ?? null)).toEqual(["no", "task", null, "leader"]);
  });

  it("reads a column by what its cells hold where its name misleads", () => {
    const sheet = readSheet([
      ["序号", "工作任务", "责任科室", "分管领导", "完成时间", "完成情况"],
      [1, "加强房地产市场监管信息公开", "综合科", "张三", "长期坚持", "推进中"],
      [3, "城市更新项目信息公开", "规划科", "李四", "2022年9月底前", "已完成"],
    ], testPlan, UNIT);
    expect(sheet.columns.map((c) => [c.field, c.how])).toEqual([
      ["no", "name"], ["task", "name"], ["office", "name"], ["leader", "name"], ["deadline", "values"], ["status", "values"],
    ]);
  });
});

describe("task numbers", () => {
  it("reads the forms units number tasks in", () => {
    for (const [written, key] of [["1", "1"], ["1.", "1"], ["1、", "1"], ["(1)", "1"], ["（1）", "1"], ["第1项", "1"], ["一、", "1"], ["十一", "11"], ["第十二条", "12"], ["二十三", "23"], ["1.10", "1.10"]]) {
      expect(numberKey(written!), written).toBe(key);
    }
    expect(chineseNumeral("一百零一")).toBe(101);
    expect(chineseNumeral("一二")).toBeUndefined();
  });
});

describe("dates as offices type them", () => {
  const read = (value: unknown) => readCellDate(value, 2022);
  it("reads every listed form, yearless ones in the plan's year", () => {
    const forms: Array<[unknown, string]> = [
      [new Date(Date.UTC(2022, 6, 1)), "2022-07-01"], [44743, "2022-07-01"], ["2022-07-01", "2022-07-01"], ["2022/7/1", "2022-07-01"],
      ["2022.7.1", "2022-07-01"], ["2022年7月1日", "2022-07-01"], ["7月1日", "2022-07-01"], ["7月1号", "2022-07-01"], ["7.1", "2022-07-01"],
      ["7.10", "2022-07-10"], ["7/1", "2022-07-01"], ["20220701", "2022-07-01"], ["2022-07-01 10:30", "2022-07-01"],
    ];
    for (const [value, iso] of forms) expect(read(value), String(value)).toEqual({ ok: true, date: iso });
  });

  it("reads the number Excel keeps for a typed 6.3, and says it could have been 6.30", () => {
    expect(read(6.3)).toEqual({ ok: true, date: "2022-06-03", guessed: { as: "6月3日", or: "6月30日" } });
    expect(read(6.15)).toEqual({ ok: true, date: "2022-06-15" });
    expect(read(2.3)).toEqual({ ok: true, date: "2022-02-03" }); // no 2月30日, so no doubt
  });

  it("refuses what is not a day something was done", () => {
    for (const value of ["5月底", "上旬", "22.5.31", "2022年13月1日", "2月30日", 7, 366]) expect(read(value).ok, String(value)).toBe(false);
  });
});

describe("status words", () => {
  it("maps the words offices use, and 是/否 only in a yes/no column", () => {
    for (const word of ["进行中", "在办", "正在推进", "持续推进"]) expect(readStatus(word)).toMatchObject({ kind: "synonym", status: "推进中" });
    for (const word of ["办结", "已办结", "完成", "√", "✓"]) expect(readStatus(word)).toMatchObject({ kind: "synonym", status: "已完成" });
    expect(readStatus("是")).toMatchObject({ kind: "unknown" });
    expect(readStatus("是", "yesNo")).toMatchObject({ kind: "yes" });
    expect(readStatus("×", "yesNo")).toMatchObject({ kind: "no" });
    expect(readStatus("长期坚持", "yesNo")).toMatchObject({ kind: "standard", status: "长期坚持" });
    for (const word of ["基本完成", "待定"]) expect(readStatus(word).kind).toBe("unknown");
  });

  it("writes a status into a yes/no column so that it reads back the same", () => {
    const row = (status: LedgerRow["status"], progress = "") => ({ ...ledgerFor(testPlan, UNIT)[0]!, status, progress });
    const yesNo = (r: LedgerRow) => ledgerCell(r, "status", { status: "yesNo" });
    expect(yesNo(row("已完成"))).toEqual({ kind: "text", text: "是" });
    expect(yesNo(row("未开始"))).toEqual({ kind: "text", text: "否" });
    expect(yesNo(row("推进中", "已梳理"))).toEqual({ kind: "text", text: "否" });
    expect(yesNo(row("推进中"))).toEqual({ kind: "text", text: "推进中" });
    expect(yesNo(row("长期坚持"))).toEqual({ kind: "text", text: "长期坚持" });
  });
});

describe("what a sheet lacking columns is told", () => {
  const rows = ledgerFor(testPlan, UNIT).map((row) => ({ no: row.no, task: row.task, status: row.no === "1" ? "已完成" : "推进中" }));
  const findings = validate(testPlan, UNIT, rows, { today: "2022-07-15", sheet: { fields: new Set<LedgerField>(["no", "task", "status"]) } });

  it("says each missing 附件3 column once, and 完成日期 once a row is 已完成, never once per row", () => {
    expect(findings.filter((f) => f.row === null).map((f) => [f.column, f.severity, f.code])).toEqual([
      ["deadline", "error", "column-missing"], ["office", "error", "column-missing"], ["leader", "error", "column-missing"],
      ["doneOn", "error", "column-missing"], [null, "warning", "columns-absent"],
    ]);
    expect(findings.filter((f) => f.row !== null)).toEqual([]);
    expect(findings[3]!.message).toBe("台账缺少「完成日期」列，已完成的 1 行须注明完成日期，请补上这一列。");
    expect(findings[4]!.message).toBe("台账没有「工作措施」「进展情况」「佐证材料」「备注」列，这些内容不检查；需要填写时可补上这些列。");
  });

  it("asks for a status before 报送, except on a further row, which takes its task's", () => {
    const full = new Set<LedgerField>(LEDGER_COLUMNS.map((c) => c.field));
    const filled = ledgerFor(testPlan, UNIT).map((row) => ({ ...row, office: "综合科", leader: "张三" }));
    const codes = validate(testPlan, UNIT, [{ ...filled[0]!, status: "" }, { no: "1（续）", measures: "另一措施" }, ...filled.slice(1)], { today: "2022-07-15", sheet: { fields: full } })
      .map((f) => [f.row, f.code, f.severity]);
    expect(codes).toEqual([[0, "status-empty", "error"]]);
  });
});

describe("which sheet is the 台账", () => {
  it("picks the sheet whose header reads best, wherever it is, and ranks the rest", () => {
    const picked = pickLedgerSheet([
      { name: "填表说明", cells: [["填表说明"], ["1. 序号、工作任务按方案填写。"]] },
      { name: "去年", cells: [["序号", "工作任务", "状态"], [1, "某项", "已完成"]] },
      { name: "今年", cells: [["序号", "工作任务", "时限要求", "责任科室", "分管领导", "状态"], [1, "加强房地产市场监管信息公开", "长期", "综合科", "张三", "推进中"]] },
    ], testPlan, UNIT)!;
    expect(picked.reading.sheet).toBe("今年");
    expect(picked.candidates.map((c) => c.name)).toEqual(["今年", "去年", "填表说明"]);
    expect(picked.candidates[2]!.score).toBe(0);
  });
});

describe("报送 into a unit's own sheet, cell by cell", () => {
  const [first, second] = ledgerFor(testPlan, UNIT);
  const columns = { no: 0, task: 1, status: 4, progress: 2 } as const;

  it("writes only what changed, adds rows below and empties dropped ones", () => {
    const sheet = { rows: [first!, second!], rowNumbers: [4, 5], columns, appendAt: 9 };
    expect(reconcileRows(sheet, [first!, second!])).toEqual({ writes: [], skipped: [] });
    const changed = reconcileRows(sheet, [{ ...first!, progress: "已公开" }, { ...first!, continuation: true, progress: "续" }]);
    expect(changed.writes).toEqual([
      { row: 4, column: 2, cell: { kind: "text", text: "已公开" } },
      { row: 9, column: 0, cell: { kind: "text", text: "1（续）" } },
      { row: 9, column: 1, cell: { kind: "text", text: first!.task } },
      { row: 9, column: 2, cell: { kind: "text", text: "续" } },
      { row: 9, column: 4, cell: { kind: "text", text: "未开始" } },
      { row: 5, column: 0, cell: { kind: "empty" } },
      { row: 5, column: 1, cell: { kind: "empty" } },
      { row: 5, column: 2, cell: { kind: "empty" } },
      { row: 5, column: 4, cell: { kind: "empty" } },
    ]);
  });

  it("counts the same number written another way as unchanged, and leaves merged cells alone", () => {
    const sheet = { rows: [{ ...first!, no: "第1项" }], rowNumbers: [4], columns, appendAt: 6, merged: (_r: number, c: number) => c === 4 };
    expect(reconcileRows(sheet, [{ ...first!, status: "推进中" }])).toEqual({ writes: [], skipped: [{ row: 4, column: 4 }] });
  });
});

describe("使用当前表 adds a column only when asked", () => {
  it("puts it right of everything, its header on the header's last row, numbers and deadlines from the plan", () => {
    const reading = readSheet([
      ["建设局台账"],
      ["工作任务", "责任科室", "分管领导", "状态"],
      ["加强房地产市场监管信息公开，严格规范房地产开发和中介市场秩序", "综合科", "张三", "推进中"],
      ["", "", "", "推进中"],
    ], testPlan, UNIT);
    expect(sheetAdoption(reading, testPlan, UNIT, [], 4).writes).toEqual([]);
    const added = sheetAdoption(reading, testPlan, UNIT, ["no", "deadline"], 6);
    expect(added.added).toEqual([{ field: "no", column: 6 }, { field: "deadline", column: 7 }]);
    expect(added.writes).toEqual([
      { row: 1, column: 6, cell: { kind: "text", text: "序号" } },
      { row: 2, column: 6, cell: { kind: "text", text: "1" } },
      { row: 3, column: 6, cell: { kind: "text", text: "1（续）" } },
      { row: 1, column: 7, cell: { kind: "text", text: "时限要求" } },
      { row: 2, column: 7, cell: { kind: "text", text: "信息形成或者变更之日起20个工作日内公开" } },
    ]);
  });
});
