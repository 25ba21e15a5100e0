import { z } from "zod";
import { formatIssues } from "../core/schema-kit";
import {
  ConflictReply, ConsolidatedPage, ErrorBody, HistoryReply, ImportReply, LedgerReply, PlanList, RejectedReply, Role, StatusReply, TokenClaims,
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
  /** 409 stale-version: a colleague 报送 since this sheet's version; the body has their rows. */
  | "conflict"
  /** 409 plan-changed: a newer plan is out than the one the sheet was built on. */
  | "plan-changed"
  | "invalid"
  | "too-large"
  | "busy"
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

export const OFFLINE_MESSAGE = "网络不通，或台账系统暂时无法访问：请检查网络；表格中的内容不受影响，联网后可重试。";
export const TIMEOUT_MESSAGE = "台账系统长时间没有回应，请稍后重试；表格中的内容不受影响。";

/**
 * The server's sentence without the field paths and codes it may carry for scripts ("rows.3.status：…"): people
 * read the Chinese, never "rows.3.status" or "Idempotency-Key".
 */
export function plainMessage(message: string): string {
  return message.replace(/[A-Za-z][\w-]*(?:\.[\w-]+)*\s*[：:]\s*/g, "").trim();
}

function serverSays(body: unknown): { code: string; message: string } | undefined {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success ? { code: parsed.data.error.code, message: plainMessage(parsed.data.error.message) } : undefined;
}

/** A non-2xx reply as the sentence a person can act on: by its status and code, never a raw server detail. */
function errorFor(status: number, body: unknown): ApiError {
  const said = serverSays(body);
  const error = (kind: ApiErrorKind, message: string) => new ApiError(kind, message, status, body);
  switch (status) {
    case 401:
      return error("unauthorized", "登录已过期，请重新登录。");
    case 403:
      return error("forbidden", said?.message || "您的账号无权进行此操作。");
    case 404:
      // The API's own 404 names a route ("没有这个接口：GET /x"): that is never shown.
      return error("not-found", said?.message && !said.message.includes("/") ? said.message : "找不到所需的方案或台账：它可能已被删除或改名。请重新打开任务窗格；如仍出现，请联系管理员。");
    case 409:
      if (said?.code === "stale-version") return error("conflict", "同事已报送了更新的台账，请对照后再报送。");
      if (said?.code === "plan-changed") return error("plan-changed", "方案已更新，请先应用更新，再报送。");
      return error("invalid", said?.message || "内容与台账系统中的不一致，请刷新后重试。");
    case 400:
    case 422:
      return error("invalid", said?.message ? `内容有误，未保存：${said.message}` : "内容未通过台账系统的检查，未保存。请检查后重试；如仍出现，请联系管理员。");
    case 413:
      return error("too-large", "内容太多，超出一次提交的上限：请删去过长的内容后重试。");
    case 429:
      return error("busy", said?.message || "操作太频繁，请稍后再试。");
    default:
      return error("server", "台账系统暂时出错，请稍后重试；如持续出现，请联系管理员。");
  }
}

export interface ClientOptions {
  /** Injected in tests; defaults to the page's fetch. */
  fetch?: typeof fetch;
  /** How long the server may stay silent: before its first byte (plus the upload's time) and between later ones. */
  timeoutMs?: number;
}

/**
 * Bytes a slow line (a district office's shared uplink) still moves in a second: a body takes this long to go up
 * before the server can start answering, so a 1,000-row 报送 (~600 KB) waits ~20 s more than a small call.
 */
const SLOW_BYTES_PER_SECOND = 32 * 1024;

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

/** What goes over the wire, and its size for the upload's share of the wait. */
interface Payload {
  data: string | FormData;
  bytes: number;
}

function payloadOf(body: unknown): Payload | undefined {
  if (body === undefined) return undefined;
  if (typeof FormData !== "undefined" && body instanceof FormData) {
    let bytes = 0;
    for (const [, value] of body.entries()) bytes += typeof value === "string" ? value.length : value.size;
    return { data: body, bytes };
  }
  const data = JSON.stringify(body);
  return { data, bytes: new TextEncoder().encode(data).length };
}

/**
 * One JSON call over fetch: bearer token, timeouts that scale with the work, offline detection, zod-parsed reply,
 * Chinese errors. The wait is for silence, not for the whole call: the first byte may take the idle time plus what
 * the body needs to go up on a slow line, and a long reply may take as long as it keeps coming.
 */
export function createCall(connection: Connection, options: ClientOptions = {}): Call {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const idleMs = options.timeoutMs ?? 20_000;
  const base = connection.serverUrl.replace(/\/+$/, "");
  const source = connection.token;

  const send = async (method: string, path: string, bearer: string, body: Payload | undefined, idempotencyKey?: string): Promise<{ status: number; ok: boolean; text: string }> => {
    const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
    // A file goes as multipart/form-data, its boundary set by fetch; everything else as JSON.
    if (body !== undefined && typeof body.data === "string") headers["content-type"] = "application/json";
    if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
    const abort = new AbortController();
    const uploadMs = body === undefined ? 0 : (body.bytes / SLOW_BYTES_PER_SECOND) * 1000;
    let timer = setTimeout(() => abort.abort(), idleMs + uploadMs);
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(), idleMs);
    };
    try {
      const response = await doFetch(`${base}${path}`, { method, headers, body: body?.data, signal: abort.signal });
      quiet();
      let text = "";
      if (response.body) {
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          quiet();
          text += decoder.decode(chunk.value, { stream: true });
        }
        text += decoder.decode();
      }
      return { status: response.status, ok: response.ok, text };
    } catch (error) {
      if (abort.signal.aborted) throw new ApiError("timeout", TIMEOUT_MESSAGE);
      throw new ApiError("offline", OFFLINE_MESSAGE, undefined, String(error));
    } finally {
      clearTimeout(timer);
    }
  };

  return async (method, path, { body, reply, idempotencyKey }) => {
    const json = payloadOf(body);
    let response = await send(method, path, typeof source === "string" ? source.trim() : await source.bearer(), json, idempotencyKey);
    // A bearer refused (expired, clocks apart) is renewed once, silently; if that fails the sign-in has ended.
    if (response.status === 401 && typeof source !== "string") {
      const renewed = await source.renew();
      if (renewed) response = await send(method, path, renewed, json, idempotencyKey);
    }
    let parsedBody: unknown = undefined;
    if (response.text) {
      try {
        parsedBody = JSON.parse(response.text);
      } catch {
        parsedBody = response.text;
      }
    }
    if (!response.ok) throw errorFor(response.status, parsedBody);
    const parsed = reply.safeParse(parsedBody);
    if (!parsed.success) {
      // What did not match is for the developer's console, not the person.
      console.warn("taizhang: reply does not match the contract", path, formatIssues(parsed.error));
      throw new ApiError(
        "bad-response",
        "台账系统返回的内容无法识别：加载项可能需要更新，请关闭并重新打开任务窗格；如仍出现，请联系管理员。",
        response.status,
        parsedBody,
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
    /** One published version of a plan (the one a sheet was built on). */
    getPlanVersion: (planId: string, version: number) => call("GET", `/plans/${enc(planId)}?version=${version}`, { reply: PlanSchema }),
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
    /** Who 报送 each accepted version, and when. */
    getHistory: (planId: string, unit: string) => call("GET", `${ledgerPath(planId, unit)}/history`, { reply: HistoryReply }),
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

/** The newer plan's version of a plan-changed 409. */
export function newerPlanOf(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.kind !== "plan-changed") return undefined;
  const parsed = ErrorBody.extend({ planVersion: z.number().int() }).safeParse(error.body);
  return parsed.success ? parsed.data.planVersion : undefined;
}

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
