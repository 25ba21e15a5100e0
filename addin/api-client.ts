import { z } from "zod";
import { formatIssues } from "../core/schema-kit";
import {
  ConflictReply, ConsolidatedReply, ErrorBody, ImportReply, LedgerReply, PlanList, RejectedReply, Role, StatusReply, TokenClaims,
  type ImportRequest, type LedgerPut, type ReviewRequest,
} from "../core/api/contract";
import { clerkCells, type Finding } from "../core/ledger/schema";
import { Plan as PlanSchema } from "../core/plan/schema";

/**
 * Where the pane talks to and as whom. Kept in the add-in's own storage (the pane origin's localStorage),
 * never in the workbook, so a shared .xlsx never carries anyone's token.
 */
export const Connection = z.object({
  serverUrl: z.url({ message: "服务器地址应为完整网址，例如 http://localhost:8787" }),
  token: z.string().trim().min(1, { message: "请填写令牌" }),
});
export type Connection = z.infer<typeof Connection>;

/** The part of Web Storage the pane needs; tests hand in a Map-backed one. */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const CONNECTION_KEY = "taizhang.connection";

export function loadConnection(store: KeyValueStore): Connection | undefined {
  const raw = store.getItem(CONNECTION_KEY);
  if (!raw) return undefined;
  try {
    const parsed = Connection.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function saveConnection(store: KeyValueStore, connection: Connection): void {
  store.setItem(CONNECTION_KEY, JSON.stringify(Connection.parse(connection)));
}

export function forgetConnection(store: KeyValueStore): void {
  store.removeItem(CONNECTION_KEY);
}

export const ROLE_LABELS: Record<Role, string> = { clerk: "单位联络员", office: "督办汇总", admin: "管理员" };

/** What the pane shows about the signed-in person. The server checks the signature; the pane only reads. */

/** The claims of a JWT, unverified (display only); undefined when the text is not such a token. */
export function readTokenClaims(token: string): TokenClaims | undefined {
  const payload = token.trim().split(".")[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const parsed = TokenClaims.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type ApiErrorKind =
  | "offline"
  | "timeout"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "invalid"
  | "server"
  | "bad-response";

/** A failed call, with a Chinese message that says what to do; `body` is the server's parsed reply, if any. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The server's own sentence, and the field at fault when it names one. */
function serverSays(body: unknown): string | undefined {
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success) return undefined;
  const { message, path } = parsed.data.error;
  return path ? `${path}：${message}` : message;
}

function errorFor(status: number, body: unknown, path: string): ApiError {
  const detail = serverSays(body);
  switch (status) {
    case 401:
      return new ApiError("unauthorized", "令牌无效或已过期，请在“设置”中重新填写令牌。", status, body);
    case 403:
      return new ApiError("forbidden", `当前身份无权执行此操作${detail ? `（${detail}）` : ""}。`, status, body);
    case 404:
      return new ApiError("not-found", `服务器上找不到所需内容（${path}）${detail ? `：${detail}` : ""}。`, status, body);
    case 409:
      return new ApiError("conflict", "服务器上的台账已被他人更新，请逐行选择保留哪一份后再同步。", status, body);
    case 400:
    case 422:
      return new ApiError("invalid", `提交的内容有误，请修改后重试：${detail ?? "服务器未说明原因"}`, status, body);
    default:
      return new ApiError(
        "server",
        `服务器出错（${status}），请稍后重试；如持续出现，请联系管理员。${detail ? `（${detail}）` : ""}`,
        status,
        body,
      );
  }
}

export interface ClientOptions {
  /** Injected in tests; defaults to the page's fetch. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface CallOptions<S extends z.ZodType> {
  body?: unknown;
  /** The zod schema of the success reply: every reply is parsed, never trusted. */
  reply: S;
  /** Sent as Idempotency-Key so a retried write is applied once. */
  idempotencyKey?: string;
}

export type Call = <S extends z.ZodType>(
  method: "GET" | "PUT" | "POST" | "DELETE",
  path: string,
  options: CallOptions<S>,
) => Promise<z.infer<S>>;

/** One JSON call over fetch: bearer token, timeout, offline detection, zod-parsed reply, Chinese errors. */
export function createCall(connection: Connection, options: ClientOptions = {}): Call {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const base = connection.serverUrl.replace(/\/+$/, "");
  return async (method, path, { body, reply, idempotencyKey }) => {
    const headers: Record<string, string> = { authorization: `Bearer ${connection.token.trim()}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
      });
    } catch (error) {
      if (abort.signal.aborted) {
        throw new ApiError("timeout", `服务器 ${Math.round(timeoutMs / 1000)} 秒内没有响应，请稍后重试。`);
      }
      throw new ApiError(
        "offline",
        `无法连接服务器（${base}）：请检查网络或“设置”中的服务器地址。表格中的内容不受影响，稍后可重试。`,
        undefined,
        String(error),
      );
    } finally {
      clearTimeout(timer);
    }
    const text = await response.text();
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
    }
    if (!response.ok) throw errorFor(response.status, json, path);
    const parsed = reply.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(
        "bad-response",
        `服务器返回的数据与加载项不一致（${formatIssues(parsed.error)}），请确认服务器与加载项为同一版本。`,
        response.status,
        json,
      );
    }
    return parsed.data;
  };
}

// --------------------------------------------------------------------------------------- reply shapes
// The API's own contract (core/api/contract.ts): the server parses requests with it, the pane parses replies.

export type { ConsolidatedReply, ImportReply, ImportRequest, LedgerPut, LedgerReply, ReviewRequest, StatusReply };

// ------------------------------------------------------------------------------------------- endpoints

const enc = encodeURIComponent;

/** The pane's calls, one per route of the API (see DESIGN.md), each reply parsed with its zod schema. */
export function createApi(connection: Connection, options: ClientOptions = {}) {
  const call = createCall(connection, options);
  const ledgerPath = (planId: string, unit: string) => `/plans/${enc(planId)}/units/${enc(unit)}/ledger`;
  return {
    listPlans: () => call("GET", "/plans", { reply: PlanList }),
    getPlan: (planId: string) => call("GET", `/plans/${enc(planId)}`, { reply: PlanSchema }),
    publishPlan: (plan: PlanSchema) => call("PUT", `/plans/${enc(plan.id)}`, { body: plan, reply: PlanSchema }),
    importPlan: (body: ImportRequest) => call("POST", "/plans/import", { body, reply: ImportReply }),
    /** A unit that never synced gets version 0 and no rows. */
    getLedger: (planId: string, unit: string) => call("GET", ledgerPath(planId, unit), { reply: LedgerReply }),
    /** The rows the unit's ledger had at one accepted version (its history). */
    getLedgerVersion: (planId: string, unit: string, version: number) =>
      call("GET", `${ledgerPath(planId, unit)}/history?version=${version}`, { reply: LedgerReply }),
    /**
     * A stale baseVersion throws ApiError("conflict"); conflictOf(error) gives the server's rows. Only the unit's
     * own cells go out: the server refuses a row's role or review (they are the plan's and the office's).
     */
    putLedger: (planId: string, unit: string, body: LedgerPut, idempotencyKey: string) =>
      call("PUT", ledgerPath(planId, unit), { body: { ...body, rows: body.rows.map(clerkCells) }, reply: LedgerReply, idempotencyKey }),
    /** rowKey is the row's key from core/ledger/row-key (task id, or "7#1" for a second row under task 7). */
    reviewRow: (planId: string, unit: string, body: ReviewRequest) =>
      call("POST", `${ledgerPath(planId, unit)}/review`, { body, reply: LedgerReply }),
    getConsolidated: (planId: string) => call("GET", `/plans/${enc(planId)}/consolidated`, { reply: ConsolidatedReply }),
    getStatus: (planId: string) => call("GET", `/plans/${enc(planId)}/status`, { reply: StatusReply }),
  };
}
export type Api = ReturnType<typeof createApi>;

/** The server's side of a 409: its version and rows, for the per-row mine/theirs view. */
export function conflictOf(error: unknown): Pick<ConflictReply, "version" | "rows"> | undefined {
  if (!(error instanceof ApiError) || error.kind !== "conflict") return undefined;
  const parsed = ConflictReply.safeParse(error.body);
  return parsed.success ? { version: parsed.data.version, rows: parsed.data.rows } : undefined;
}

/** The findings of a 422: the server's check of the rows, nothing written. */
export function rejectedFindings(error: unknown): Finding[] | undefined {
  if (!(error instanceof ApiError) || error.kind !== "invalid") return undefined;
  const parsed = RejectedReply.safeParse(error.body);
  return parsed.success ? parsed.data.findings : undefined;
}
