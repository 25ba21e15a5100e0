// The HTTP API's bodies as zod schemas: the server parses requests with them, the task pane parses replies
// with them, so both sides share one definition of every shape.
import { z } from "zod";
import { Role } from "../accounts/person";
import { ClerkRow, Finding, LedgerRow, LedgerStatus, RowReview } from "../ledger/schema";
import { ImportReport } from "../plan/import/report";
import { Plan } from "../plan/schema";

export { Role } from "../accounts/person";

/** A Cognito user in several groups acts with the widest of them. */
const ROLES_WIDEST_FIRST = ["admin", "office", "clerk"] as const;

/**
 * Who a token says its holder is, from either issuer's claims: the local stack's `role` and `unit`, or Cognito's
 * `cognito:groups` and `custom:unit`. The API reads them after checking the signature; the pane reads them
 * unverified, only to show who is signed in. One schema, so the two can never disagree on a token.
 */
export const TokenClaims = z
  .object({
    sub: z.string().optional(),
    exp: z.number().optional(),
    /** The person's name (张三): a claim of the local tokens, Cognito's standard `name` attribute. */
    name: z.string().min(1).optional(),
    "cognito:username": z.string().optional(),
    role: Role.optional(),
    unit: z.string().min(1).optional(),
    "cognito:groups": z.array(z.string()).optional(),
    "custom:unit": z.string().min(1).optional(),
  })
  .transform((claims, context) => {
    const role = claims.role ?? ROLES_WIDEST_FIRST.find((r) => claims["cognito:groups"]?.includes(r));
    if (!role) {
      context.addIssue({ code: "custom", path: ["role"], message: "令牌没有角色：请让管理员把账号加入 clerk、office 或 admin 组" });
      return z.NEVER;
    }
    const unit = claims.unit ?? claims["custom:unit"];
    const name = claims.name ?? claims["cognito:username"];
    return {
      role,
      ...(unit ? { unit } : {}),
      ...(name ? { name } : {}),
      ...(claims.sub ? { sub: claims.sub } : {}),
      ...(claims.exp ? { exp: claims.exp } : {}),
    };
  });
export type TokenClaims = z.output<typeof TokenClaims>;

export const ErrorBody = z.object({
  error: z.object({
    /** Stable English identifier: bad-request, unauthorized, forbidden, not-found, stale-version, too-large, has-errors … */
    code: z.string(),
    /** Chinese, says what to do. */
    message: z.string(),
    /** The field at fault, e.g. "rows.3.status". */
    path: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const PlanSummary = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;
export const PlanList = z.object({ plans: z.array(PlanSummary) });
export type PlanList = z.infer<typeof PlanList>;

/**
 * The largest request POST /plans/import takes (a plan file and its form fields). A Word file with a picture
 * or a few scanned pages is several MB; on AWS the upload reaches Lambda base64-encoded (4/3 larger) inside its
 * 6 MB request: 4 MB becomes 5.6 MB, leaving room for the headers and the event around it.
 */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;
/** The message for an import over IMPORT_MAX_BYTES, the API's 413 and the pane's check before uploading alike. */
export const IMPORT_TOO_LARGE = `方案文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB（多是文中的图片或扫描页使文件变大）：请在 Word 中删去图片后另存为 .docx 再导入，或复制方案正文粘贴到“或粘贴方案全文”框中导入。`;

export const ImportRequest = z.object({
  text: z.string().min(1, { message: "请提供方案正文" }).max(1_000_000, { message: "方案正文过长（超过 100 万字）" }),
  year: z.number().int().min(2000).max(2100).optional(),
  id: z.string().optional(),
});
export type ImportRequest = z.infer<typeof ImportRequest>;
/** An upload's form fields besides the file (multipart/form-data; the file is checked by the route). */
export const ImportUploadFields = z.object({
  year: z.coerce.number({ error: "年度应为数字，例如 2024" }).int().min(2000, { message: "年度应在 2000 到 2100 之间" }).max(2100, { message: "年度应在 2000 到 2100 之间" }).optional(),
  id: z.string().optional(),
});
export const ImportReply = z.object({
  plan: Plan,
  report: ImportReport,
  /** The published plan this draft is a new version of (same 文号, or same issuer, year and title); its id is the draft's. */
  published: z.object({ id: z.string(), version: z.number().int(), title: z.string() }).optional(),
});
export type ImportReply = z.infer<typeof ImportReply>;

/** A ledger holds at most this many rows: a whole sync stays inside one DynamoDB transaction. */
export const MAX_LEDGER_ROWS = 1000;

/** A sync: only the unit's own cells of each row (ClerkRow); anything else in the body is refused. */
export const LedgerPut = z.strictObject({
  /** The version the clerk's copy was based on; 0 for the first sync. */
  baseVersion: z.number().int().min(0),
  /** The plan version the sheet was built on: the sync is checked against it, and refused if a newer one is out. */
  planVersion: z.number().int().positive().optional(),
  rows: z.array(ClerkRow).max(MAX_LEDGER_ROWS, { message: `一份台账最多 ${MAX_LEDGER_ROWS} 行` }),
});
export type LedgerPut = z.infer<typeof LedgerPut>;

export const LedgerReply = z.object({
  planId: z.string(),
  unit: z.string(),
  /** 0 while the unit has never synced. */
  version: z.number().int().min(0),
  planVersion: z.number().int(),
  rows: z.array(LedgerRow),
  /** Warnings stored with the rows when they were accepted. */
  findings: z.array(Finding),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type LedgerReply = z.infer<typeof LedgerReply>;

/** 409: the server's side, so the clerk can choose row by row. */
export const ConflictReply = ErrorBody.extend({ version: z.number().int(), rows: z.array(LedgerRow) });
export type ConflictReply = z.infer<typeof ConflictReply>;

/** 422: the ledger has error findings; nothing was written. */
export const RejectedReply = ErrorBody.extend({ findings: z.array(Finding) });
export type RejectedReply = z.infer<typeof RejectedReply>;

export const HistoryEntry = z.object({ version: z.number().int(), at: z.string(), by: z.string(), rowCount: z.number().int() });
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export const HistoryReply = z.object({ planId: z.string(), unit: z.string(), versions: z.array(HistoryEntry) });
export type HistoryReply = z.infer<typeof HistoryReply>;

export const ReviewRequest = z.strictObject({
  /** The row's key in the version the office read: its task id, or "7#1" for the second row under task 7. */
  rowKey: z.string().min(1).max(200),
  verdict: RowReview.shape.verdict,
  comment: RowReview.shape.comment,
  /**
   * The ledger version the office read the row in (from the ledger reply). The verdict is for that row's content;
   * if the unit has changed the row since, the review is refused (409) instead of landing on other content.
   * Without it, the current version.
   */
  version: z.number().int().positive().optional(),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const UnitLedger = z.object({
  unit: z.string(),
  version: z.number().int(),
  updatedAt: z.string().optional(),
  rows: z.array(LedgerRow),
  /** The unit's further rows come first on the next page (only a unit too large for one page is split). */
  continues: z.literal(true).optional(),
});
/**
 * One page of every unit's current rows, whole units in storage order, at most about 2 MB: under Lambda's 6 MB
 * reply and Excel on the web's 5 MB per request. `next` is the cursor of the following page, absent on the last.
 */
export const ConsolidatedPage = z.object({
  planId: z.string(),
  planVersion: z.number().int(),
  ledgers: z.array(UnitLedger),
  next: z.string().optional(),
});
export type ConsolidatedPage = z.infer<typeof ConsolidatedPage>;

/** The merged .xlsx, stored for a few minutes: a link anyone holding it may download until `expiresAt`. */
export const ExportLink = z.object({
  url: z.url(),
  expiresAt: z.string(),
  fileName: z.string(),
});
export type ExportLink = z.infer<typeof ExportLink>;

export const ReportState = z.enum(["未报送", "已报送", "逾期报送"]);
export const UnitStatus = z.object({
  unit: z.string(),
  reported: z.boolean(),
  state: ReportState,
  version: z.number().int(),
  firstSyncAt: z.string().optional(),
  lastSyncAt: z.string().optional(),
  counts: z.record(LedgerStatus, z.number().int()),
  overdue: z.number().int(),
});
export type UnitStatus = z.infer<typeof UnitStatus>;
export const StatusReply = z.object({
  planId: z.string(),
  ledgerDue: z.string().optional(),
  today: z.string(),
  units: z.array(UnitStatus),
});
export type StatusReply = z.infer<typeof StatusReply>;
