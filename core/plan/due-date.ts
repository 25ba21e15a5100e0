import { addDays, addWorkdays, isoDate, lastDayOfMonth } from "../calendar";
import type { IsoDate } from "../schema-kit";
import type { DayOfMonth, DeadlineRule } from "./schema";

export interface DueContext {
  /** The plan's year: 每年1月31日前 falls in it. */
  year: number;
  /** 每月25日前 falls in this date's month. */
  today: IsoDate;
  /** When the triggering event of a 「…之日起N个工作日内」 rule happened (the ledger row's triggeredOn). */
  triggeredOn?: IsoDate;
}

function dayIn(year: number, month: number, day: DayOfMonth): IsoDate {
  const last = lastDayOfMonth(year, month);
  return isoDate(year, month, day === "last" ? last : Math.min(day, last));
}

/**
 * The last day a rule allows, or undefined when the rule sets no date: 长期坚持, 疫情防控期间, 定期召开, and a
 * 「…之日起20个工作日内」 whose event has not happened yet.
 */
export function dueDate(rule: DeadlineRule, ctx: DueContext): IsoDate | undefined {
  switch (rule.kind) {
    case "by":
      return rule.date;
    case "annual":
      return dayIn(ctx.year, rule.month, rule.day);
    case "monthly": {
      const [year, month] = ctx.today.split("-").map(Number) as [number, number];
      return dayIn(year, month, rule.day);
    }
    case "within":
      if (!ctx.triggeredOn) return undefined;
      return rule.unit === "workday" ? addWorkdays(ctx.triggeredOn, rule.amount) : addDays(ctx.triggeredOn, rule.amount);
    case "ongoing":
    case "during":
    case "periodic":
      return undefined;
  }
}

/** The latest date any dated rule allows: what a unit's own 时限要求 may not go beyond. */
export function latestDue(rules: readonly DeadlineRule[], ctx: DueContext): IsoDate | undefined {
  let latest: IsoDate | undefined;
  for (const rule of rules) {
    const due = dueDate(rule, ctx);
    if (due && (!latest || due > latest)) latest = due;
  }
  return latest;
}
