import { describe, expect, it } from "vitest";
import { preselectedSide, resolveRows, rowConflicts } from "../../core/ledger/conflicts";
import type { LedgerRow } from "../../core/ledger/schema";

const row = (taskId: string, over: Partial<LedgerRow> = {}): LedgerRow => ({
  taskId, no: taskId, task: `任务${taskId}`, deadline: "", office: "", leader: "", measures: "", progress: "",
  status: "未开始", ...over,
});

describe("sync conflict", () => {
  const mine = [row("1", { progress: "我的进展" }), row("2"), row("3", { status: "已完成" })];
  const theirs = [row("1", { progress: "他人进展" }), row("2"), row("3"), row("4")];

  it("lists only rows that differ, with the differing columns", () => {
    const conflicts = rowConflicts(mine, theirs);
    expect(conflicts.map((c) => c.key)).toEqual(["1", "3", "4"]);
    expect(conflicts[0]!.fields).toEqual(["progress"]);
    expect(conflicts[1]!.fields).toEqual(["status"]);
  });

  it("preselects the side that changed a row since the common version, so the other clerk's work is not reverted", () => {
    const base = [row("1"), row("2"), row("3"), row("4")];
    const conflicts = rowConflicts(mine, theirs, base);
    // 1: both changed 进展情况; 3: only mine set 已完成; 4: mine deleted the row, the server kept it unchanged.
    expect(conflicts.map((c) => [c.key, c.changedBy, preselectedSide(c)])).toEqual([
      ["1", "both", "mine"],
      ["3", "mine", "mine"],
      ["4", "mine", "mine"],
    ]);
    const onlyTheirs = rowConflicts([row("1")], [row("1", { measures: "他人新措施" })], [row("1")]);
    expect(onlyTheirs.map((c) => [c.changedBy, preselectedSide(c)])).toEqual([["theirs", "theirs"]]);
    const added = rowConflicts([row("1")], [row("1"), row("9", { progress: "他人新增" })], [row("1")]);
    expect(added.map((c) => [c.key, c.changedBy, preselectedSide(c)])).toEqual([["9", "theirs", "theirs"]]);
  });

  it("cannot tell who changed a row without the common version, and then offers the sheet's", () => {
    expect(rowConflicts(mine, theirs).map((c) => [c.changedBy, preselectedSide(c)])).toEqual([
      ["unknown", "mine"],
      ["unknown", "mine"],
      ["unknown", "mine"],
    ]);
  });

  it("keeps each row from the side the clerk chose, in the sheet's order", () => {
    const rows = resolveRows(mine, theirs, new Map([["1", "theirs"], ["3", "mine"], ["4", "theirs"]] as const));
    expect(rows.map((r) => [r.taskId, r.progress, r.status])).toEqual([
      ["1", "他人进展", "未开始"],
      ["2", "", "未开始"],
      ["3", "", "已完成"],
      ["4", "", "未开始"],
    ]);
  });

  it("drops a row only the server has when the clerk keeps the sheet's version", () => {
    const rows = resolveRows(mine, theirs, new Map([["4", "mine"]] as const));
    expect(rows.map((r) => r.taskId)).toEqual(["1", "2", "3"]);
    expect(rows[0]!.progress).toBe("我的进展");
  });

  it("pairs a unit's extra rows under one task by their place, not by position in the sheet", () => {
    const a = [row("7", { progress: "甲" }), row("7", { continuation: true, progress: "乙" })];
    const b = [row("7", { progress: "甲" }), row("7", { continuation: true, progress: "丙" })];
    expect(rowConflicts(a, b).map((c) => c.key)).toEqual(["7#1"]);
  });
});
