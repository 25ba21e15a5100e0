import { z } from "zod";

// Every schema in Taizhang speaks Chinese to the people who send bad input.
z.config(z.locales.zhCN());

/** A calendar date as the product stores it: "YYYY-MM-DD", and a real day (no 2月30日). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "日期格式应为 YYYY-MM-DD" })
  .refine(isRealDate, { message: "不是一个存在的日期" });

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export type IsoDate = z.infer<typeof IsoDate>;

export interface FieldProblem {
  /** Dotted path of the field, e.g. "rows.3.status"; empty for the whole input. */
  path: string;
  message: string;
}

/** zod issues as lines a person can act on: which field, what is wrong. */
export function describeIssues(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/** One line per problem, e.g. "rows.3.status：无效输入…". */
export function formatIssues(error: z.ZodError): string {
  return describeIssues(error)
    .map((p) => (p.path ? `${p.path}：${p.message}` : p.message))
    .join("；");
}
