// 时限要求 as a ledger row states it. Most plans give it in a column; some (seed 000) write it inside the task's
// text ("…年底前将发放结果…公开"), where the import found the rules but left the column's text empty. Those rules are
// said back in the words plans use, so the clerk reads a deadline and the check parses the same rules from it.
import type { DeadlineRule, Task } from "../plan/schema";

const PERIOD_WORDS = { year: "每年", quarter: "每季度", month: "每月" } as const;

function dateWords(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day === last ? `${year}年${month}月底前` : `${year}年${month}月${day}日前`;
}

/** One rule in a plan's own wording, e.g. 2022年12月底前, 每月25日前, 自收到申请之日起20个工作日内. */
export function ruleWords(rule: DeadlineRule): string {
  switch (rule.kind) {
    case "ongoing":
      return "长期坚持";
    case "by":
      return dateWords(rule.date);
    case "annual":
      return rule.day === "last" ? `每年${rule.month}月底前` : `每年${rule.month}月${rule.day}日前`;
    case "monthly":
      return rule.day === "last" ? "每月底前" : `每月${rule.day}日前`;
    case "within": {
      const span = `${rule.amount}${rule.unit === "workday" ? "个工作日" : "日"}内`;
      return rule.after ? `自${rule.after}之日起${span}` : span;
    }
    case "during":
      return `${rule.period}期间`;
    case "periodic":
      return rule.times ? `${PERIOD_WORDS[rule.every]}至少${rule.times}次` : PERIOD_WORDS[rule.every];
  }
}

/** The task's 时限要求: the plan's own text, or its rules in words when the text was empty; "" when it has none. */
export function deadlineText(task: Pick<Task, "deadline">): string {
  if (task.deadline.text.trim()) return task.deadline.text;
  return [...new Set(task.deadline.rules.map(ruleWords))].join("；");
}
