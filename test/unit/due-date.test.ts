import { describe, expect, it } from "vitest";
import { dueDate, latestDue } from "../../core/plan/due-date";
import type { DeadlineRule } from "../../core/plan/schema";

const ctx = { year: 2022, today: "2022-06-15" };

describe("dueDate", () => {
  it.each<[string, DeadlineRule, string | undefined]>([
    ["by: its own date", { kind: "by", date: "2022-08-31" }, "2022-08-31"],
    ["annual: that day in the plan's year", { kind: "annual", month: 1, day: 31 }, "2022-01-31"],
    ["annual 2月底: 28 in 2022", { kind: "annual", month: 2, day: "last" }, "2022-02-28"],
    ["annual 2月29日 in a common year: clamps to 28", { kind: "annual", month: 2, day: 29 }, "2022-02-28"],
    ["monthly: the day in today's month", { kind: "monthly", day: 25 }, "2022-06-25"],
    ["monthly 31日 in June: clamps to 30", { kind: "monthly", day: 31 }, "2022-06-30"],
    ["monthly 月底", { kind: "monthly", day: "last" }, "2022-06-30"],
    ["ongoing: no date", { kind: "ongoing" }, undefined],
    ["during: no date", { kind: "during", period: "疫情防控" }, undefined],
    ["periodic: no date", { kind: "periodic", every: "year", times: 1 }, undefined],
    ["within, event not yet happened: no date", { kind: "within", amount: 20, unit: "workday", after: "信息形成或者变更" }, undefined],
  ])("%s", (_, rule, expected) => {
    expect(dueDate(rule, ctx)).toBe(expected);
  });

  it("annual 2月底 in a leap year is the 29th", () => {
    expect(dueDate({ kind: "annual", month: 2, day: "last" }, { year: 2024, today: "2024-01-01" })).toBe("2024-02-29");
  });

  it("counts working days from the event on the statutory calendar", () => {
    const rule: DeadlineRule = { kind: "within", amount: 7, unit: "workday", after: "处罚结果作出" };
    // 处罚结果 on Friday 2022-09-30: 国庆 holidays do not count, the make-up Saturday and Sunday do.
    expect(dueDate(rule, { ...ctx, triggeredOn: "2022-09-30" })).toBe("2022-10-14");
  });

  it("counts calendar days for 「N日内」", () => {
    const rule: DeadlineRule = { kind: "within", amount: 15, unit: "day", after: "收到申请" };
    expect(dueDate(rule, { ...ctx, triggeredOn: "2022-09-30" })).toBe("2022-10-15");
  });
});

describe("latestDue", () => {
  it("is the latest date any dated rule allows", () => {
    const rules: DeadlineRule[] = [
      { kind: "ongoing" },
      { kind: "by", date: "2022-08-31" },
      { kind: "annual", month: 1, day: 31 },
    ];
    expect(latestDue(rules, ctx)).toBe("2022-08-31");
  });

  it("includes a within rule once its event has happened", () => {
    const rules: DeadlineRule[] = [
      { kind: "by", date: "2022-08-31" },
      { kind: "within", amount: 20, unit: "workday", after: "信息形成或者变更" },
    ];
    expect(latestDue(rules, ctx)).toBe("2022-08-31");
    expect(latestDue(rules, { ...ctx, triggeredOn: "2022-09-30" })).toBe("2022-11-02");
  });

  it("is undefined when no rule is dated", () => {
    expect(latestDue([{ kind: "ongoing" }, { kind: "periodic", every: "year" }], ctx)).toBeUndefined();
    expect(latestDue([], ctx)).toBeUndefined();
  });
});
