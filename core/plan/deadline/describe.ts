import type { DeadlineRule } from "../schema";

const EVERY = { year: "每年", quarter: "每季度", month: "每月" } as const;
const day = (d: number | "last") => (d === "last" ? "底" : `${d}日`);

/** A rule as the admin reads it back in the 方案 sheet: "2024-06-30前", "每年1月31日前", "长期". */
export function describeRule(rule: DeadlineRule): string {
  switch (rule.kind) {
    case "by":
      return `${rule.date}前`;
    case "annual":
      return `每年${rule.month}月${day(rule.day)}前`;
    case "monthly":
      return `每月${day(rule.day)}前`;
    case "within":
      return `${rule.after ? `${rule.after}后` : ""}${rule.amount}个${rule.unit === "workday" ? "工作日" : "日"}内`;
    case "during":
      return `${rule.period}期间`;
    case "periodic":
      return `${EVERY[rule.every]}${rule.times ? `至少${rule.times}次` : ""}`;
    case "ongoing":
      return "长期";
  }
}

/** Every rule of a deadline, or what the admin must fix when none was read. */
export function describeRules(rules: readonly DeadlineRule[], text: string): string {
  if (rules.length) return rules.map(describeRule).join("；");
  return text.trim() ? "未能识别" : "未写时限";
}
