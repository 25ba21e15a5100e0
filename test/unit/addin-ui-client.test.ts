import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ApiError, conflictOf, createApi, createCall, readTokenClaims, rejectedFindings,
} from "../../addin/api-client";
import type { LedgerRow } from "../../core/ledger/schema";

const connection = { serverUrl: "http://localhost:8787/", token: "t.o.k" };

function reply(status: number, body: unknown): typeof fetch {
  return async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

const row = (over: Partial<LedgerRow>): LedgerRow => ({
  taskId: "1", no: "1", task: "公开", deadline: "长期坚持", office: "", leader: "", measures: "", progress: "",
  status: "未开始", ...over,
});

describe("api client", () => {
  it("sends the bearer token and idempotency key, and returns the parsed reply", async () => {
    let seen: Request | undefined;
    const call = createCall(connection, {
      fetch: async (url, init) => {
        seen = new Request(url as string, init);
        return new Response(JSON.stringify({ version: 3 }));
      },
    });
    const result = await call("PUT", "/x", { body: { a: 1 }, reply: z.object({ version: z.number() }), idempotencyKey: "k1" });
    expect(result).toEqual({ version: 3 });
    expect(seen?.url).toBe("http://localhost:8787/x");
    expect(seen?.headers.get("authorization")).toBe("Bearer t.o.k");
    expect(seen?.headers.get("idempotency-key")).toBe("k1");
  });

  it("rejects a reply that does not match the contract, naming the field", async () => {
    const call = createCall(connection, { fetch: reply(200, { version: "three" }) });
    const error = await call("GET", "/x", { reply: z.object({ version: z.number() }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe("bad-response");
    expect((error as ApiError).message).toContain("version");
  });

  it("says the server is unreachable when fetch fails, and keeps the sheet as the truth", async () => {
    const call = createCall(connection, { fetch: async () => { throw new TypeError("Failed to fetch"); } });
    const error = (await call("GET", "/x", { reply: z.unknown() }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe("offline");
    expect(error.message).toMatch(/无法连接服务器.*表格中的内容不受影响/);
  });

  it("gives up after the timeout with a Chinese message", async () => {
    const call = createCall(connection, {
      timeoutMs: 20,
      fetch: (_url, init) => new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))),
    });
    const error = (await call("GET", "/x", { reply: z.unknown() }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe("timeout");
    expect(error.message).toContain("秒内没有响应");
  });

  it("passes on the server's message and the field at fault for a bad body", async () => {
    const call = createCall(connection, { fetch: reply(400, { error: { code: "bad-request", message: "无效选项", path: "rows.0.status" } }) });
    const error = (await call("PUT", "/x", { body: {}, reply: z.unknown() }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe("invalid");
    expect(error.message).toContain("rows.0.status：无效选项");
  });

  it("hands the findings of a 422 to the pane", async () => {
    const finding = { row: 0, column: "doneOn", severity: "error", code: "done-without-date", message: "第3行状态为已完成，请填写「完成日期」。" };
    const api = createApi(connection, { fetch: reply(422, { error: { code: "has-errors", message: "台账有 1 处错误，未保存" }, findings: [finding] }) });
    const error = await api.putLedger("p", "区党政办", { baseVersion: 0, rows: [] }, "key-00001").catch((e: unknown) => e);
    expect(rejectedFindings(error)).toEqual([finding]);
    expect((error as ApiError).message).toContain("台账有 1 处错误");
  });

  it("asks to sign in again on 401", async () => {
    const call = createCall(connection, { fetch: reply(401, { error: "unauthorized" }) });
    const error = (await call("GET", "/x", { reply: z.unknown() }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe("unauthorized");
    expect(error.message).toContain("重新登录");
  });

  it("renews a refused bearer once through the session and sends the call again", async () => {
    const seen: string[] = [];
    const renewals: string[] = [];
    const session = { bearer: async () => "old", renew: async () => (renewals.push("renew"), "fresh") };
    const call = createCall({ serverUrl: "http://api", token: session }, {
      fetch: async (_url, init) => {
        const bearer = new Headers(init?.headers).get("authorization")!;
        seen.push(bearer);
        return bearer === "Bearer fresh" ? new Response(JSON.stringify({ ok: true })) : new Response("{}", { status: 401 });
      },
    });
    expect(await call("PUT", "/x", { body: { a: 1 }, reply: z.object({ ok: z.boolean() }), idempotencyKey: "k-000001" })).toEqual({ ok: true });
    expect(seen).toEqual(["Bearer old", "Bearer fresh"]);
    expect(renewals).toHaveLength(1);
  });

  it("says to sign in again when the session cannot be renewed, without trying twice", async () => {
    let calls = 0;
    const session = { bearer: async () => "old", renew: async () => undefined };
    const call = createCall({ serverUrl: "http://api", token: session }, { fetch: async () => (calls++, new Response("{}", { status: 401 })) });
    const error = (await call("GET", "/x", { reply: z.unknown() }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe("unauthorized");
    expect(calls).toBe(1);
  });

  it("hands the server's rows of a 409 to the conflict view", async () => {
    const api = createApi(connection, { fetch: reply(409, { error: { code: "stale-version", message: "服务器上的台账已更新到第 5 版" }, version: 5, rows: [row({ progress: "他人填写" })] }) });
    const error = await api.putLedger("p", "区党政办", { baseVersion: 4, rows: [] }, "k").catch((e: unknown) => e);
    expect(conflictOf(error)?.version).toBe(5);
    expect(conflictOf(error)?.rows[0]?.progress).toBe("他人填写");
  });

  it("reads role and unit from a token for display", () => {
    const payload = Buffer.from(JSON.stringify({ role: "clerk", unit: "区党政办" })).toString("base64url");
    expect(readTokenClaims(`h.${payload}.s`)).toEqual({ role: "clerk", unit: "区党政办" });
    expect(readTokenClaims("not-a-token")).toBeUndefined();
  });

  it("reads a Cognito ID token's group and unit, so a deployed clerk can sign in to the pane", () => {
    const claims = { sub: "u-1", "cognito:groups": ["clerk"], "custom:unit": "区财政局", token_use: "id" };
    const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
    expect(readTokenClaims(`h.${payload}.s`)).toEqual({ role: "clerk", unit: "区财政局", sub: "u-1" });
    const noGroup = Buffer.from(JSON.stringify({ sub: "u-2", "custom:unit": "区财政局" })).toString("base64url");
    expect(readTokenClaims(`h.${noGroup}.s`)).toBeUndefined();
  });
});
