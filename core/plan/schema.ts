import { z } from "zod";
import { IsoDate } from "../schema-kit";

/** A day of the month; "last" is 月底 (28–31 depending on the month and year). */
export const DayOfMonth = z.union([z.number().int().min(1).max(31), z.literal("last")]);
export type DayOfMonth = z.infer<typeof DayOfMonth>;

export const DeadlineRule = z.discriminatedUnion("kind", [
  /** 长期坚持, 及时更新, 长期开展, 动态调整 */
  z.object({ kind: z.literal("ongoing") }),
  /** 2022年8月底前, 6月底前 (plan year), 年底前 */
  z.object({ kind: z.literal("by"), date: IsoDate }),
  /** 每年1月31日前, 每年2月底前 */
  z.object({ kind: z.literal("annual"), month: z.number().int().min(1).max(12), day: DayOfMonth }),
  /** 每月25日前 */
  z.object({ kind: z.literal("monthly"), day: DayOfMonth }),
  /** 信息形成或者变更之日起20个工作日内; `after` names the triggering event in the document's words. */
  z.object({
    kind: z.literal("within"),
    amount: z.number().int().positive(),
    unit: z.enum(["workday", "day"]),
    after: z.string(),
  }),
  /** 疫情防控期间 */
  z.object({ kind: z.literal("during"), period: z.string().min(1) }),
  /** 每年至少召开一次, 定期开展 */
  z.object({
    kind: z.literal("periodic"),
    every: z.enum(["year", "quarter", "month"]),
    times: z.number().int().positive().optional(),
  }),
]);
export type DeadlineRule = z.infer<typeof DeadlineRule>;

export const Deadline = z.object({
  /** The 时限要求 exactly as the document words it; what could not be parsed stays here. */
  text: z.string(),
  rules: z.array(DeadlineRule),
});
export type Deadline = z.infer<typeof Deadline>;

export const Unit = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
});
export type Unit = z.infer<typeof Unit>;

export const Task = z.object({
  /** Stable within a plan: the plan's own item number where it has one. */
  id: z.string().min(1),
  /** The number as printed. */
  no: z.string(),
  section: z.string(),
  category: z.string().optional(),
  text: z.string().min(1),
  lead: z.array(z.string().min(1)),
  support: z.array(z.string().min(1)),
  /** 各单位按职责分工落实: every unit of the plan carries the task. */
  allUnits: z.boolean(),
  /** Offices the document names inside a unit: "区党政办（文秘科、宣传信息科）牵头" → { 区党政办: [文秘科, 宣传信息科] }. */
  offices: z.record(z.string(), z.array(z.string())).optional(),
  deadline: Deadline,
});
export type Task = z.infer<typeof Task>;

export const Plan = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: "方案编号只能包含字母、数字、-、_，最长 64 位" }),
  year: z.number().int().min(2000).max(2100),
  title: z.string().min(1),
  issuer: z.string().optional(),
  docNumber: z.string().optional(),
  issuedOn: IsoDate.optional(),
  /** The date by which units must send their 台账. */
  ledgerDue: IsoDate.optional(),
  version: z.number().int().positive().optional(),
  units: z.array(Unit),
  tasks: z.array(Task).min(1, { message: "方案中至少要有一项任务" }),
});
export type Plan = z.infer<typeof Plan>;
