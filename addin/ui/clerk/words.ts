// What the clerk's pane says about 报送, colleagues' versions and a newer plan, in the clerk's words: who and when,
// never a version number. Pure, so the wording is tested without a browser.
import { personLabel } from "../../../core/accounts/person";
import type { HistoryEntry, TokenClaims } from "../../../core/api/contract";
import { chinaTime } from "../../../core/dates";
import { roleFinder } from "../../../core/ledger/assignment";
import { diffPlans } from "../../../core/plan/diff";
import type { Plan, Task } from "../../../core/plan/schema";

/** "张三（区党政办）" → "张三": the record's label without the unit a clerk already knows. */
export function nameOf(by: string): string {
  return by.replace(/（[^（）]*）$/, "").trim() || by;
}

/** "张三 于 6月3日 10:20 报送" */
export function reportedBy(by: string, at: string): string {
  return `${nameOf(by)} 于 ${chinaTime(at)} 报送`;
}

/** Whose the versions a sheet has not seen are: the clerk's own (a workbook closed unsaved after 报送), or colleagues'. */
export interface NewerVersions {
  own: boolean;
  /** "同事 李四 于 6月3日 10:20 报送的版本" or "您本人于 6月3日 10:20 报送的版本". */
  title: string;
  /** How a choice names that side: "李四报送的", "您之前报送的". */
  side: string;
}

/**
 * The versions after `base` as the clerk should hear of them. The history names each version's person as the
 * token named them (personLabel), so the clerk's own 报送 are told apart from a colleague's by who made them.
 */
export function newerVersions(history: readonly HistoryEntry[], base: number, me: TokenClaims): NewerVersions {
  const newer = history.filter((entry) => entry.version > base).sort((a, b) => a.version - b.version);
  const latest = newer.at(-1);
  if (!latest) return { own: false, title: "台账系统中更新的版本", side: "已报送的" };
  const mine = personLabel(me);
  if (newer.every((entry) => entry.by === mine)) {
    return { own: true, title: `您本人于 ${chinaTime(latest.at)} 报送的版本`, side: "您之前报送的" };
  }
  const others = [...new Set(newer.filter((entry) => entry.by !== mine).map((entry) => nameOf(entry.by)))];
  return { own: false, title: `同事 ${others.join("、")} 于 ${chinaTime(latest.at)} 报送的版本`, side: `${others.join("、")}报送的` };
}

/**
 * At open, when the server has a version the sheet has not seen: whose it is. The clerk's own means the workbook
 * was closed without saving after a 报送.
 */
export function newerAtOpen(by: string, at: string, me: TokenClaims): string {
  return by === personLabel(me)
    ? `台账系统中有您本人于 ${chinaTime(at)} 报送的版本，比表格中的新：表格可能在那次报送后没有保存，报送时会请您对照。`
    : `台账系统中有同事 ${nameOf(by)} 于 ${chinaTime(at)} 报送的版本，比表格中的新；报送时会请您对照。`;
}

const numbers = (tasks: readonly Pick<Task, "no" | "id">[]) => tasks.map((t) => `第${t.no || t.id}项`).join("、");

/**
 * What a newer plan changes for this unit, one line each: tasks it now carries, tasks it no longer carries,
 * deadlines and wording that changed. Empty when nothing it carries changed.
 */
export function planChangeLines(before: Plan, after: Plan, unit: string): string[] {
  const roleBefore = roleFinder(before, unit), roleAfter = roleFinder(after, unit);
  const diff = diffPlans(before, after);
  const carriedBefore = new Set(before.tasks.filter((t) => roleBefore(t)).map((t) => t.id));
  const carriedAfter = new Set(after.tasks.filter((t) => roleAfter(t)).map((t) => t.id));
  const added = after.tasks.filter((t) => carriedAfter.has(t.id) && !carriedBefore.has(t.id));
  const removed = before.tasks.filter((t) => carriedBefore.has(t.id) && !carriedAfter.has(t.id));
  const ours = diff.changed.filter((c) => carriedBefore.has(c.id) && carriedAfter.has(c.id));
  const deadlines = ours.filter((c) => c.fields.includes("deadline")).map((c) => c.after);
  const wording = ours.filter((c) => !c.fields.includes("deadline") && c.fields.some((f) => f === "text" || f === "no")).map((c) => c.after);
  return [
    added.length ? `新增 ${added.length} 项任务：${numbers(added)}` : "",
    removed.length ? `不再承担 ${removed.length} 项任务：${numbers(removed)}（已填写的内容保留在表格末尾，标为“不适用”）` : "",
    deadlines.length ? `时限有变化：${numbers(deadlines)}` : "",
    wording.length ? `任务内容有变化：${numbers(wording)}` : "",
  ].filter(Boolean);
}
