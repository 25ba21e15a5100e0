import { z } from "zod";
import { formatIssues } from "../core/schema-kit";
import {
  ConflictReply, ConsolidatedPage, ErrorBody, ImportReply, LedgerReply, PlanList, RejectedReply, Role, StatusReply, TokenClaims,
  type ImportRequest, type LedgerPut, type ReviewRequest,
} from "../core/api/contract";
import { clerkCells, type Finding } from "../core/ledger/schema";
import { Plan as PlanSchema } from "../core/plan/schema";
import { CredentialsReply, PeopleReply, Person, type PersonInput, type PersonUpdate } from "../core/accounts/contract";
import { downloader, oversightEndpoints } from "./oversight-client";

/** Where a signed-in pane gets its bearer: the session, which renews it (addin/session/session.ts). */
export interface TokenSource {
  bearer(): Promise<string>;
  /** After a 401: a fresh bearer, or undefined when the sign-in has ended. */
  renew(): Promise<string | undefined>;
}

/** Where the pane talks to and as whom: a fixed token (tests, scripts) or the signed-in session. */
export interface Connection {
  serverUrl: string;
  token: string | TokenSource;
}

/** The part of Web Storage the pane needs; tests hand in a Map-backed one. */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export { ROLE_LABELS } from "../core/accounts/person";

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
      return new ApiError("unauthorized", "登录已过期，请重新登录。", status, body);
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
  const source = connection.token;

  const send = async (method: string, path: string, bearer: string, body: unknown, idempotencyKey?: string): Promise<Response> => {
    const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
    // A file goes as multipart/form-data, its boundary set by fetch; everything else as JSON.
    const form = typeof FormData !== "undefined" && body instanceof FormData;
    if (body !== undefined && !form) headers["content-type"] = "application/json";
    if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      return await doFetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body), signal: abort.signal });
    } catch (error) {
      if (abort.signal.aborted) throw new ApiError("timeout", `服务器 ${Math.round(timeoutMs / 1000)} 秒内没有响应，请稍后重试。`);
      throw new ApiError(
        "offline",
        `无法连接服务器（${base}）：请检查网络或“设置”中的服务器地址。表格中的内容不受影响，稍后可重试。`,
        undefined,
        String(error),
      );
    } finally {
      clearTimeout(timer);
    }
  };

  return async (method, path, { body, reply, idempotencyKey }) => {
    let response = await send(method, path, typeof source === "string" ? source.trim() : await source.bearer(), body, idempotencyKey);
    // A bearer refused (expired, clocks apart) is renewed once, silently; if that fails the sign-in has ended.
    if (response.status === 401 && typeof source !== "string") {
      const renewed = await source.renew();
      if (renewed) response = await send(method, path, renewed, body, idempotencyKey);
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

export type { ConsolidatedPage, ImportReply, ImportRequest, LedgerPut, LedgerReply, ReviewRequest, StatusReply };

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
    /** A plan file (.docx, .xlsx, .pdf, .html, .csv, .txt, .md) as the admin picked it; read on the server. */
    importPlanFile: (file: Blob, name: string, year?: number) => {
      const form = new FormData();
      form.append("file", file, name);
      if (year) form.append("year", String(year));
      return call("POST", "/plans/import", { body: form, reply: ImportReply });
    },
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
    /** One page of every unit's rows; pass the previous page's `next` for the following one. */
    getConsolidatedPage: (planId: string, cursor?: string) =>
      call("GET", `/plans/${enc(planId)}/consolidated${cursor ? `?cursor=${enc(cursor)}` : ""}`, { reply: ConsolidatedPage }),
    getStatus: (planId: string) => call("GET", `/plans/${enc(planId)}/status`, { reply: StatusReply }),
    /** The admin's 账号 view. */
    listPeople: () => call("GET", "/people", { reply: PeopleReply }),
    /** All or none; the reply carries the initial passwords once, with the .xlsx to hand them out. */
    createPeople: (people: PersonInput[]) => call("POST", "/people", { body: { people }, reply: CredentialsReply }),
    updatePerson: (username: string, change: PersonUpdate) => call("PUT", `/people/${enc(username)}`, { body: change, reply: Person }),
    resetPassword: (username: string) => call("POST", `/people/${enc(username)}/reset`, { reply: CredentialsReply }),
    ...oversightEndpoints(call, downloader(connection, options.fetch)),
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
