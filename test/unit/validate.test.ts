import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { LedgerRow, LedgerRowInput } from "../../core/ledger/schema";
import { normalizeRow, validate } from "../../core/validate/validate";
import { testPlan, UNIT } from "../fixtures/ledger/plan";

const today = "2022-07-15";

/** The unit's ledger with every required cell filled, nothing started: no findings. */
function filled(): LedgerRow[] {
  return ledgerFor(testPlan, UNIT).map((row) => ({ ...row, office: "综合科", leader: "张三" }));
}

const codes = (rows: readonly LedgerRowInput[]) =>
  validate(testPlan, UNIT, rows, { today }).map((f) => [f.row, f.column, f.code]);

describe("validate", () => {
  it("accepts a clean ledger", () => {
    expect(validate(testPlan, UNIT, filled(), { today })).toEqual([]);
  });

  it("finds unknown, unassigned, duplicated and missing tasks", () => {
    const rows: LedgerRowInput[] = filled();
    rows.splice(3, 1); // task 5 gone
    rows.push({ ...rows[0], no: "99", taskId: undefined }, { ...rows[0], no: "2", taskId: undefined }, { ...rows[1] });
    expect(codes(rows)).toEqual([
      [3, "no", "unknown-task"],
      [4, "no", "not-assigned"],
      [5, "no", "duplicate-task"],
      [null, "no", "missing-task"],
    ]);
    const missing = validate(testPlan, UNIT, rows, { today }).at(-1)!;
    expect(missing.message).toContain("缺少第5项任务");
  });

  it("lets a task run over several rows when they are marked as continuation", () => {
    const rows: LedgerRowInput[] = filled();
    rows.splice(1, 0, { no: "1（续）", measures: "第二项措施", status: "推进中" }, { taskId: "1", continuation: true, status: "未开始" });
    expect(codes(rows)).toEqual([]);
  });

  it("names the empty cells 附件3 asks for: a blank 责任科室 is an error, a blank 分管领导 a reminder", () => {
    const rows: LedgerRowInput[] = filled();
    rows[0] = { ...rows[0], office: "", leader: " ", status: "推进中" };
    const findings = validate(testPlan, UNIT, rows, { today });
    expect(findings.map((f) => [f.row, f.column, f.code, f.severity])).toEqual([
      [0, "office", "office-empty", "error"],
      [0, "leader", "leader-empty", "warning"],
      [0, "measures", "measures-empty", "warning"],
    ]);
    expect(findings[0]!.message).toBe("第1行「责任科室」为空，请填写负责此项任务的科室。");
  });

  it("uses the caller's row labels", () => {
    const rows: LedgerRowInput[] = filled();
    rows[0] = { ...rows[0], office: "" };
    const [finding] = validate(testPlan, UNIT, rows, { today, rowLabel: (i) => `第${i + 3}行` });
    expect(finding!.message).toMatch(/^第3行「责任科室」/);
  });

  it("accepts status synonyms with a warning and refuses other words", () => {
    const rows: LedgerRowInput[] = filled();
    rows[1] = { ...rows[1], status: "进行中", measures: "x" };
    rows[2] = { ...rows[2], status: "差不多" };
    const findings = validate(testPlan, UNIT, rows, { today });
    expect(findings.map((f) => [f.row, f.code, f.severity])).toEqual([
      [1, "status-synonym", "warning"],
      [2, "status-unknown", "error"],
    ]);
    expect(findings[0]!.message).toContain("“进行中”请改为标准用语“推进中”");
  });

  it("checks finished rows: date, evidence, not in the future, not after the due date", () => {
    const rows: LedgerRowInput[] = filled();
    const done = { status: "已完成", measures: "公开" };
    rows[0] = { ...rows[0], ...done, doneOn: "2022-07-01", evidence: "链接" }; // no 触发日期: no due date
    rows[1] = { ...rows[1], ...done }; // no date, no evidence
    rows[2] = { ...rows[2], ...done, doneOn: "2022年8月1日", evidence: "x" }; // future
    rows[3] = { ...rows[3], ...done, doneOn: 44800, evidence: "x" }; // 2022-08-27: future too
    expect(codes(rows)).toEqual([
      [1, "doneOn", "done-without-date"],
      [1, "evidence", "done-without-evidence"],
      [2, "doneOn", "future-date"],
      [3, "doneOn", "future-date"],
    ]);
  });

  it("counts a relative deadline in working days from the 触发日期", () => {
    const rows: LedgerRowInput[] = filled();
    const base = { ...rows[0], status: "已完成", measures: "公开", evidence: "x" };
    // 20 working days after 2022-05-20 is 2022-06-20 (端午 on 6月3日 is a holiday).
    expect(codes([{ ...base, triggeredOn: "2022-05-20", doneOn: "2022-06-20" }, ...rows.slice(1)])).toEqual([]);
    expect(codes([{ ...base, triggeredOn: "2022-05-20", doneOn: "2022-06-21" }, ...rows.slice(1)])).toEqual([[0, "doneOn", "done-late"]]);
    expect(codes([{ ...rows[0], triggeredOn: "2022-05-20" }, ...rows.slice(1)])).toEqual([[0, "status", "overdue"]]);
  });

  it("flags overdue open rows and a 时限要求 later than the plan allows", () => {
    const rows: LedgerRowInput[] = filled();
    rows[3] = { ...rows[3], deadline: "2022年10月底前" }; // plan: 8月底前
    rows[1] = { ...rows[1], deadline: "2022/6/15" }; // plan: 9月底前; earlier is fine, and it is overdue on 7月15日
    const findings = validate(testPlan, UNIT, rows, { today });
    expect(findings.map((f) => [f.row, f.column, f.code])).toEqual([
      [1, "status", "overdue"],
      [3, "deadline", "deadline-too-late"],
    ]);
    expect(findings[0]!.message).toContain("2022-06-15");
    expect(findings[1]!.message).toContain("晚于方案规定的2022-08-31");
  });

  it("refuses unreadable dates, naming the cell", () => {
    const rows: LedgerRowInput[] = filled();
    rows[0] = { ...rows[0], triggeredOn: "上周五" };
    const findings = validate(testPlan, UNIT, rows, { today });
    expect(findings).toEqual([
      { row: 0, column: "triggeredOn", severity: "error", code: "date-unreadable", message: "第1行「触发日期」“上周五”无法识别为日期，请填写如 2022-05-31 的日期。" },
    ]);
  });

  it("matches a row without number by its text, and reports a weak match instead of guessing", () => {
    const rows: LedgerRowInput[] = filled();
    rows[3] = { ...rows[3], no: "", taskId: undefined, task: "做好保障性住房分配信息公开" };
    rows.push({ task: "保障性住房建设管理", office: "a", leader: "b", status: "未开始" });
    expect(codes(rows)).toEqual([
      [3, "no", "matched-by-text"],
      [4, "no", "weak-match"],
    ]);
  });

  it("never throws on arbitrary cell values", () => {
    const cell = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.date({ noInvalidDate: false }), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.object(), fc.constantFrom("已完成", "完成", "1", "3（续）", "2022年5月31日", "=1+1"));
    const fields = ["taskId", "no", "task", "deadline", "office", "leader", "measures", "progress", "status", "doneOn", "triggeredOn", "evidence", "note", "continuation", "review", "role"];
    const row = fc.dictionary(fc.constantFrom(...fields), cell);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const findings = validate(testPlan, UNIT, rows as LedgerRowInput[], { today });
        for (const f of findings) expect(f.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("normalizeRow", () => {
  it("reads cells into the stored shape", () => {
    expect(normalizeRow({ no: 5, task: "保障房", office: "住房科", status: "办结", doneOn: 44712, triggeredOn: "2022.5.3" }, { plan: testPlan, unit: UNIT })).toEqual({
      taskId: "5", no: "5", task: "保障房", deadline: "", office: "住房科", leader: "", measures: "", progress: "", status: "已完成", role: "牵头", doneOn: "2022-05-31", triggeredOn: "2022-05-03",
    });
  });

  it("gives undefined when a cell cannot be stored, and continues the task above for a bare row", () => {
    expect(normalizeRow({ no: "5", doneOn: "昨天" }, { plan: testPlan, unit: UNIT })).toBeUndefined();
    expect(normalizeRow({ no: "77" }, { plan: testPlan, unit: UNIT })).toBeUndefined();
    expect(normalizeRow({ progress: "续报" }, { plan: testPlan, unit: UNIT, previousTaskId: "3" })).toMatchObject({ taskId: "3", no: "3", continuation: true });
  });
});
