// The words of a 催报 and of the daily digest, from a unit's reminder lists. The office may edit a 催报 before
// sending; the digest goes out as written.
import type { Plan } from "../plan/schema";
import { chineseDate } from "./document";
import type { ReminderItem, UnitReminders } from "./schema";

const MAX_LISTED = 5;

const monthDay = (date: string) => chineseDate(date).replace(/^\d+年/, "");

function listed(items: readonly ReminderItem[], what: (i: ReminderItem) => string): string {
  const shown = items.slice(0, MAX_LISTED).map((i) => `第${i.no}项${what(i)}`);
  return `${shown.join("、")}${items.length > MAX_LISTED ? `等${items.length}项` : ""}`;
}

/** Whether there is anything to remind the unit of. */
export function hasReminders(r: UnitReminders): boolean {
  return r.ledger.state === "逾期未报送" || r.overdue.length > 0 || r.dueSoon.length > 0 || r.returned.length > 0;
}

/** The 催报 to one unit, in full sentences; empty when there is nothing to say. */
export function reminderText(plan: Pick<Plan, "title" | "issuer">, r: UnitReminders, withinWorkdays: number): string {
  const parts: string[] = [];
  const { ledger } = r;
  if (ledger.state === "逾期未报送") parts.push(`工作台账应于${monthDay(ledger.due!)}前报送，至今未报送（已逾期${ledger.workdays}个工作日），请尽快报送。`);
  else if (ledger.state === "未报送" && ledger.due) parts.push(`工作台账请于${monthDay(ledger.due)}前报送（还有${ledger.workdays}个工作日）。`);
  if (r.overdue.length) parts.push(`有${r.overdue.length}项任务已过时限仍未完成：${listed(r.overdue, (i) => `（时限${monthDay(i.due!)}）`)}。`);
  if (r.dueSoon.length)
    parts.push(`有${r.dueSoon.length}项任务将在${withinWorkdays}个工作日内到期：${listed(r.dueSoon, (i) => `（${monthDay(i.due!)}${i.workdays === 0 ? "，今天到期" : ""}）`)}。`);
  if (r.returned.length) parts.push(`有${r.returned.length}行被退回尚未修改：${r.returned.slice(0, MAX_LISTED).map((i) => `第${i.no}项（${i.comment}）`).join("、")}。`);
  if (parts.length === 0) return "";
  return `【催报】${r.unit}：《${plan.title}》${parts.join("")}请抓紧办理，并在台账中更新进展后同步。${plan.issuer ? `——${plan.issuer}` : ""}`;
}

/** The daily digest for a group: who is late, what falls due soon, what was returned; empty when all is well. */
export function digestText(plan: Pick<Plan, "title">, today: string, units: readonly UnitReminders[], withinWorkdays: number): string {
  const names = (list: readonly UnitReminders[], count?: (r: UnitReminders) => number) => list.map((r) => (count ? `${r.unit}${count(r)}项` : r.unit)).join("、");
  const notIn = units.filter((r) => r.ledger.state === "逾期未报送");
  const overdue = units.filter((r) => r.overdue.length > 0);
  const soon = units.filter((r) => r.dueSoon.length > 0);
  const returned = units.filter((r) => r.returned.length > 0);
  const lines = [
    notIn.length ? `逾期未报送台账（${notIn.length}个单位）：${names(notIn)}` : "",
    overdue.length ? `有逾期未完成任务（${overdue.length}个单位）：${names(overdue, (r) => r.overdue.length)}` : "",
    soon.length ? `${withinWorkdays}个工作日内到期（${soon.length}个单位）：${names(soon, (r) => r.dueSoon.length)}` : "",
    returned.length ? `被退回待修改（${returned.length}个单位）：${names(returned, (r) => r.returned.length)}` : "",
  ].filter(Boolean);
  if (lines.length === 0) return "";
  return [`【每日提醒】《${plan.title}》截至${chineseDate(today)}：`, ...lines, "请相关单位抓紧办理，并在台账中更新进展后同步。"].join("\n");
}
