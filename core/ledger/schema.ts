import { z } from "zod";
import { IsoDate } from "../schema-kit";
import { stripXmlForbidden, xmlForbiddenChar } from "../sheet/escape";

export const LEDGER_STATUSES = ["未开始", "推进中", "已完成", "长期坚持", "不适用"] as const;
export const LedgerStatus = z.enum(LEDGER_STATUSES);
export type LedgerStatus = z.infer<typeof LedgerStatus>;

/** The unit's part in a task: 牵头 (lead) or 配合 (support, or covered by 各单位). */
export const TaskRole = z.enum(["牵头", "配合"]);
export type TaskRole = z.infer<typeof TaskRole>;

const text = (max: number) => z.string().max(max, { message: `不能超过 ${max} 个字` });

/**
 * Free text a person typed or pasted (measures, progress, a review's comment …): the characters XML 1.0 cannot
 * hold are dropped, not refused. They ride along unseen from Word, PDF and web pages; the clerk can neither see
 * nor find them in Excel, so refusing would block a sync over something nobody can fix, and dropping them
 * changes nothing anyone can see. Line breaks are kept as Excel keeps them in a cell (LF): an .xlsx reader turns
 * CR LF into LF anyway, so storing CR would make the office's workbook differ from the ledger.
 */
const freeText = (max: number) => text(max).transform((value) => stripXmlForbidden(value).replace(/\r\n?/g, "\n"));

/**
 * A value that names something (a task id, a task number): such a character is refused, naming it, because an
 * identifier changed silently would name something else.
 */
const identifier = <T extends z.ZodType<string>>(schema: T) =>
  schema.superRefine((value, context) => {
    const char = xmlForbiddenChar(value);
    if (char) context.addIssue({ code: "custom", message: `含有表格文件无法保存的字符（${char}），请删去后重试` });
  });

/** The central office's verdict on a row, shown to the unit on its next read. */
export const RowReview = z.object({
  verdict: z.enum(["通过", "退回"]),
  comment: freeText(2000),
  by: z.string(),
  at: z.string(),
});
export type RowReview = z.infer<typeof RowReview>;

/** The cells of a row that are the unit's to say: everything but its role (the plan's) and review (the office's). */
const clerkFields = {
  taskId: identifier(z.string().min(1, { message: "任务编号不能为空" })),
  no: identifier(text(32)),
  task: freeText(4000),
  /** 时限要求 as the unit states it; it may be earlier than the plan's, never later. */
  deadline: freeText(500),
  office: freeText(200),
  leader: freeText(100),
  measures: freeText(8000),
  progress: freeText(8000),
  status: LedgerStatus,
  /** A further row the unit added under the same task number (the task split over several rows). */
  continuation: z.boolean().optional(),
  doneOn: IsoDate.optional(),
  /** 触发日期: when the event a `within` deadline counts from happened. */
  triggeredOn: IsoDate.optional(),
  evidence: freeText(2000).optional(),
  note: freeText(2000).optional(),
};

/** Why a key the unit may not send is refused, in words the clerk (or whoever wrote the client) can act on. */
function refusedKeys(keys: readonly PropertyKey[]): string {
  return keys
    .map(String)
    .map((key) =>
      key === "review" ? "审核意见只能由督办在审核时填写，不能随台账提交"
      : key === "role" ? "牵头/配合由方案决定，不能随台账提交"
      : `不认识的字段「${key}」，请删去`)
    .join("；");
}

/**
 * A row as a unit sends it in a sync: only its own cells. A review, a role or any key not listed is refused
 * (400, naming it), never silently dropped: a client that sends them is either broken or forging, and both
 * should hear so. The server adds the role from the plan and keeps the office's reviews itself.
 */
export const ClerkRow = z.strictObject(clerkFields, {
  error: (issue) => (issue.code === "unrecognized_keys" ? refusedKeys(issue.keys) : undefined),
});
export type ClerkRow = z.infer<typeof ClerkRow>;

/** One row of a unit's 台账, as stored and synced (cells already read into plain values). */
export const LedgerRow = z.object({
  ...clerkFields,
  role: TaskRole.optional(),
  review: RowReview.optional(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

const CLERK_KEYS = Object.keys(clerkFields) as (keyof ClerkRow)[];

/** The unit's own cells of a row (role and review left out), in one fixed key order: what a sync sends. */
export function clerkCells(row: ClerkRow | LedgerRow): ClerkRow {
  const cells: Record<string, unknown> = {};
  for (const key of CLERK_KEYS) if (row[key] !== undefined) cells[key] = row[key];
  return cells as ClerkRow;
}

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
