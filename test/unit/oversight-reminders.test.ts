import { describe, expect, it } from "vitest";
import { unitReminders } from "../../core/oversight/reminders";
import { rowDigest } from "../../core/oversight/row-digest";
import type { ReviewEvent } from "../../core/oversight/schema";
import { workdaysBetween } from "../../core/oversight/unit-facts";
import { ledger, plan, row } from "../fixtures/oversight/plan";

describe("working days between two dates, 调休 included", () => {
  it.each([
    ["2022-09-30", "2022-10-10", 3, "国庆: 10-08 and 10-09 are make-up working days, 10-03 to 10-07 are not"],
    ["2022-09-30", "2022-10-07", 0, "the whole holiday"],
    ["2022-05-31", "2022-06-06", 3, "端午 Friday 06-03 is off"],
    ["2022-10-10", "2022-10-10", 0, "the same day"],
    ["2022-10-12", "2022-10-10", 0, "backwards"],
  ])("%s → %s: %i (%s)", (from, to, expected) => {
    expect(workdaysBetween(from, to)).toBe(expected);
  });
});

describe("a unit's reminder lists", () => {
  it("lists a task due in 3 working days across the 国庆 holiday as due soon, and not with a window of 2", () => {
    const finance = ledger("区财政局", [row("1", { status: "已完成", doneOn: "2022-09-27", measures: "m" }), row("2", { status: "推进中", measures: "m" }), row("4")]);
    const within3 = unitReminders(plan, "区财政局", finance, { today: "2022-09-30", withinWorkdays: 3 });
    expect(within3.dueSoon).toEqual([expect.objectContaining({ no: "2", due: "2022-10-10", workdays: 3, status: "推进中" })]);
    expect(unitReminders(plan, "区财政局", finance, { today: "2022-09-30", withinWorkdays: 2 }).dueSoon).toEqual([]);
    // Seven calendar days of holiday in between: only two working days left on Saturday 10-08.
    expect(unitReminders(plan, "区财政局", finance, { today: "2022-10-08", withinWorkdays: 2 }).dueSoon).toEqual([expect.objectContaining({ no: "2", workdays: 2 })]);
  });

  it("counts an overdue task's working days past its day, and marks the unit late", () => {
    const works = ledger("区建设局", [row("1", { status: "推进中", measures: "m" }), row("3"), row("4", { status: "长期坚持", measures: "m" })]);
    const r = unitReminders(plan, "区建设局", works, { today: "2022-10-08", withinWorkdays: 4 });
    // 09-29, 09-30 and the make-up Saturday 10-08; 10-12 is four working days on (10-09 is one).
    expect(r.overdue).toEqual([expect.objectContaining({ no: "1", due: "2022-09-28", workdays: 3, status: "推进中" })]);
    expect(r.dueSoon.map((i) => [i.no, i.workdays])).toEqual([["3", 4]]);
    expect(r.late).toBe(true);
    expect(r.ledger.state).toBe("已报送");
  });

  it("does not remind of what is done, ongoing or not applicable", () => {
    const works = ledger("区建设局", [row("1", { status: "已完成", doneOn: "2022-09-20", measures: "m" }), row("3", { status: "不适用" }), row("4", { status: "长期坚持", measures: "m" })]);
    const r = unitReminders(plan, "区建设局", works, { today: "2022-10-20", withinWorkdays: 5 });
    expect([r.overdue, r.dueSoon, r.returned, r.late]).toEqual([[], [], [], false]);
  });

  it("tells a unit that has not sent its 台账 how many working days are left, and after ledgerDue how many are past", () => {
    const before = unitReminders(plan, "区卫健局", undefined, { today: "2022-05-27", withinWorkdays: 3 });
    expect(before.ledger).toEqual({ state: "未报送", due: "2022-05-31", workdays: 2 });
    expect(before.late).toBe(false);
    const after = unitReminders(plan, "区卫健局", undefined, { today: "2022-06-06", withinWorkdays: 3 });
    expect(after.ledger).toEqual({ state: "逾期未报送", due: "2022-05-31", workdays: 3 });
    expect(after.late).toBe(true);
  });

  it("says a 台账 came in late by working days, counted from ledgerDue to its first sync in China", () => {
    // 2022-06-05T17:00Z is 06-06 01:00 in Beijing: 06-01, 06-02 and 06-06 (06-03 is 端午).
    const r = unitReminders(plan, "区教育局", ledger("区教育局", [row("4"), row("5")], "2022-06-05T17:00:00.000Z"), { today: "2022-06-10", withinWorkdays: 3 });
    expect(r.ledger).toMatchObject({ state: "逾期报送", due: "2022-05-31", workdays: 3 });
  });

  it("lists for a unit that never reported every dated task of its own as 未填报", () => {
    const r = unitReminders(plan, "区建设局", undefined, { today: "2022-10-11", withinWorkdays: 1 });
    expect(r.overdue.map((i) => [i.no, i.status])).toEqual([["1", "未填报"]]);
    expect(r.dueSoon.map((i) => [i.no, i.workdays, i.status])).toEqual([["3", 1, "未填报"]]);
  });

  it("keeps a returned row on the list until the clerk changes it", () => {
    const returnedRow = row("3", { progress: "已起草", status: "推进中", measures: "m", review: { verdict: "退回", comment: "请补充佐证材料", by: "王督办", at: "2022-07-01T02:00:00.000Z" } });
    const event: ReviewEvent = { unit: "区建设局", rowKey: "3", no: "3", verdict: "退回", comment: "请补充佐证材料", by: "王督办", at: "2022-07-01T02:00:00.000Z", digest: rowDigest(returnedRow) };
    const synced = "2022-07-05T02:00:00.000Z";
    const same = unitReminders(plan, "区建设局", ledger("区建设局", [row("1"), returnedRow, row("4")], "2022-05-20T02:00:00.000Z", synced), { today: "2022-07-06", withinWorkdays: 3, reviews: [event] });
    expect(same.returned).toEqual([{ rowKey: "3", no: "3", task: returnedRow.task, comment: "请补充佐证材料", by: "王督办", at: event.at }]);

    const fixed = { ...returnedRow, evidence: "区政府网站2022-07-04" };
    const changed = unitReminders(plan, "区建设局", ledger("区建设局", [row("1"), fixed, row("4")], "2022-05-20T02:00:00.000Z", synced), { today: "2022-07-06", withinWorkdays: 3, reviews: [event] });
    expect(changed.returned).toEqual([]);
  });

  it("without the log of a review, a sync after the 退回 counts as acting on it", () => {
    const returnedRow = row("3", { review: { verdict: "退回", comment: "请补充", by: "王督办", at: "2022-07-01T02:00:00.000Z" } });
    const notSynced = ledger("区建设局", [returnedRow], "2022-05-20T02:00:00.000Z", "2022-06-01T02:00:00.000Z");
    expect(unitReminders(plan, "区建设局", notSynced, { today: "2022-07-06", withinWorkdays: 0 }).returned).toHaveLength(1);
    const syncedSince = ledger("区建设局", [returnedRow], "2022-05-20T02:00:00.000Z", "2022-07-02T02:00:00.000Z");
    expect(unitReminders(plan, "区建设局", syncedSince, { today: "2022-07-06", withinWorkdays: 0 }).returned).toEqual([]);
  });
});
