import { z } from "zod";
import { IsoDate } from "../schema-kit";

export const LEDGER_STATUSES = ["未开始", "推进中", "已完成", "长期坚持", "不适用"] as const;
export const LedgerStatus = z.enum(LEDGER_STATUSES);
export type LedgerStatus = z.infer<typeof LedgerStatus>;

/** The unit's part in a task: 牵头 (lead) or 配合 (support, or covered by 各单位). */
export const TaskRole = z.enum(["牵头", "配合"]);
export type TaskRole = z.infer<typeof TaskRole>;

/** The central office's verdict on a row, shown to the unit on its next read. */
export const RowReview = z.object({
  verdict: z.enum(["通过", "退回"]),
  comment: z.string().max(2000),
  by: z.string(),
  at: z.string(),
});
export type RowReview = z.infer<typeof RowReview>;

const text = (max: number) => z.string().max(max, { message: `不能超过 ${max} 个字` });

/** One row of a unit's 台账, as stored and synced (cells already read into plain values). */
export const LedgerRow = z.object({
  taskId: z.string().min(1, { message: "任务编号不能为空" }),
  no: text(32),
  task: text(4000),
  /** 时限要求 as the unit states it; it may be earlier than the plan's, never later. */
  deadline: text(500),
  office: text(200),
  leader: text(100),
  measures: text(8000),
  progress: text(8000),
  status: LedgerStatus,
  role: TaskRole.optional(),
  /** A further row the unit added under the same task number (the task split over several rows). */
  continuation: z.boolean().optional(),
  doneOn: IsoDate.optional(),
  /** 触发日期: when the event a `within` deadline counts from happened. */
  triggeredOn: IsoDate.optional(),
  evidence: text(2000).optional(),
  note: text(2000).optional(),
  review: RowReview.optional(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const Finding = z.object({
  /** Index of the row in the input (0-based), or null for a sheet-level finding. */
  row: z.number().int().nullable(),
  /** The LedgerRow field (or, for sheets, the header text) the finding is about; null for the whole row. */
  column: z.string().nullable(),
  severity: z.enum(["error", "warning"]),
  /** Stable English identifier, e.g. "unknown-task". */
  code: z.string(),
  /** A Chinese sentence naming the cell and what to do. */
  message: z.string(),
});
export type Finding = z.infer<typeof Finding>;

/**
 * A row as read from cells, before validation: every field optional and of any type (text, an Excel serial
 * number, a Date, null …). A clean LedgerRow is one too.
 */
export type LedgerRowInput = { readonly [K in keyof LedgerRow]?: unknown };
