// Who did something, as the record shows it: 张三（建设局）, never a token's subject or a role.
import { z } from "zod";

export const Role = z.enum(["clerk", "office", "admin"]);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = { clerk: "单位联络员", office: "督办汇总", admin: "管理员" };

/**
 * A user name: what a person types at sign-in. Letters of any script (区党政办 is a fine user name for a unit's
 * clerk), digits and . _ -; compared without case, so it is stored lower-cased.
 */
export const Username = z
  .string()
  .trim()
  .transform((name) => name.normalize("NFKC").toLowerCase())
  .pipe(
    z
      .string()
      .min(2, { message: "用户名至少 2 个字符" })
      .max(64, { message: "用户名不能超过 64 个字符" })
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, { message: "用户名只能包含文字、字母、数字和 . _ -，且以文字、字母或数字开头" }),
  );

/** A person's name as colleagues know it (张三); shown in history, reviews and the office's sheets. */
export const DisplayName = z
  .string()
  .trim()
  .min(1, { message: "请填写姓名" })
  .max(40, { message: "姓名不能超过 40 个字" })
  .regex(/^[^\p{Cc}\p{Cs}\uFFFE\uFFFF]*$/u, { message: "姓名含有不可见的控制字符" });

/** 张三（建设局）; an office or admin account without a unit shows its role instead. */
export function personLabel(person: { name?: string; sub?: string; role: Role; unit?: string }): string {
  const who = person.name?.trim() || person.sub || "未具名";
  return `${who}（${person.unit ?? ROLE_LABELS[person.role]}）`;
}
