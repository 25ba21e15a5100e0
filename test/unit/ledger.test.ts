import { describe, expect, it } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { rowKeys } from "../../core/ledger/row-key";
import { readStatus } from "../../core/ledger/status";
import { readCellDate } from "../../core/dates";
import { testPlan, UNIT } from "../fixtures/ledger/plan";

describe("ledgerFor", () => {
  it("gives the unit's tasks in plan order with its role, matching names through aliases", () => {
    const rows = ledgerFor(testPlan, UNIT);
    expect(rows.map((r) => [r.no, r.role])).toEqual([
      ["1", "牵头"], // lead written as the alias 区建设局
      ["3", "配合"],
      ["4", "配合"], // 各单位
      ["5", "牵头"],
    ]);
    expect(rows[0]).toMatchObject({ taskId: "1", status: "未开始", deadline: "信息形成或者变更之日起20个工作日内公开", office: "" });
  });

  it("accepts the unit under one of its aliases", () => {
    expect(ledgerFor(testPlan, "高新区建设局").map((r) => r.no)).toEqual(["1", "3", "4", "5"]);
    expect(ledgerFor(testPlan, "财金局").map((r) => r.no)).toEqual(["2", "4"]);
  });
});

describe("rowKeys", () => {
  it("numbers the further rows of a task, so identity survives inserting rows", () => {
    expect(rowKeys([{ taskId: "1" }, { taskId: "3" }, { taskId: "3" }, { taskId: "4" }, { taskId: "3" }])).toEqual(["1", "3", "3#1", "4", "3#2"]);
  });
});

describe("readStatus", () => {
  it("accepts the standard words, maps common ones and refuses the rest", () => {
    expect(readStatus("已完成")).toEqual({ kind: "standard", status: "已完成" });
    expect(readStatus(" 办结。")).toEqual({ kind: "synonym", status: "已完成", written: "办结" });
    expect(readStatus("持续推进")).toMatchObject({ status: "推进中" });
    expect(readStatus("差不多了")).toEqual({ kind: "unknown", written: "差不多了" });
    expect(readStatus("")).toEqual({ kind: "empty" });
  });
});

describe("readCellDate", () => {
  it.each([
    [44712, "2022-05-31"], // Excel serial
    [new Date(Date.UTC(2022, 4, 31)), "2022-05-31"], // exceljs
    [new Date(Date.UTC(2022, 4, 30, 16)), "2022-05-31"], // midnight in Beijing
    ["2022-05-31", "2022-05-31"],
    ["2022/5/31", "2022-05-31"],
    ["2022.5.31", "2022-05-31"],
    ["2022年5月31日", "2022-05-31"],
    ["２０２２年５月３１日", "2022-05-31"],
    ["5月31日", "2022-05-31"],
    ["2022-05-31T00:00:00.000Z", "2022-05-31"],
  ])("reads %s", (value, expected) => {
    expect(readCellDate(value, 2022)).toEqual({ ok: true, date: expected });
  });

  it("treats empty cells as no date and refuses what is not a real day", () => {
    expect(readCellDate(null, 2022)).toEqual({ ok: true, date: undefined });
    expect(readCellDate("  ", 2022)).toEqual({ ok: true, date: undefined });
    for (const bad of ["2022-02-30", "5月", "下周", -3, Number.NaN, true, {}]) expect(readCellDate(bad, 2022)).toEqual({ ok: false });
  });
});
