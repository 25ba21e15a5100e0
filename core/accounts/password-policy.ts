// One password rule for every place a password is set: the local accounts (api/accounts), the Cognito user pool
// (infra/constructs/user-directory.ts reads the same numbers) and the pane's new-password form, which says the
// rule before the server has to.
import { z } from "zod";

export const PASSWORD_POLICY = {
  minLength: 10,
  maxLength: 128,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  /** Cognito's checks (cdk-nag COG1) want a symbol too; any character but a letter, a digit or a space counts. */
  requireSymbols: true,
} as const;

/** The rule as a person reads it. */
export const PASSWORD_RULE_TEXT = `至少 ${PASSWORD_POLICY.minLength} 位，含大写字母、小写字母、数字和符号（如 - # !）`;

/** What is wrong with a new password, in Chinese; empty when it is good. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_POLICY.minLength) problems.push(`至少 ${PASSWORD_POLICY.minLength} 位`);
  if (password.length > PASSWORD_POLICY.maxLength) problems.push(`不能超过 ${PASSWORD_POLICY.maxLength} 位`);
  if (PASSWORD_POLICY.requireUppercase && !/[A-Z]/.test(password)) problems.push("须含大写字母");
  if (PASSWORD_POLICY.requireLowercase && !/[a-z]/.test(password)) problems.push("须含小写字母");
  if (PASSWORD_POLICY.requireDigits && !/[0-9]/.test(password)) problems.push("须含数字");
  if (PASSWORD_POLICY.requireSymbols && !/[^A-Za-z0-9\s]/.test(password)) problems.push("须含符号（如 - # !）");
  if (/\s/.test(password)) problems.push("不能含空格");
  return problems;
}

/** A password someone chooses: the policy, said in one Chinese line. */
export const NewPassword = z.string().superRefine((password, context) => {
  const problems = passwordProblems(password);
  if (problems.length) context.addIssue({ code: "custom", message: `新密码${problems.join("、")}` });
});
