import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  ApiError, conflictOf, createApi, createCall, newerPlanOf, plainMessage, readTokenClaims, rejectedFindings,
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

  it("rejects a reply that does not match the contract, in words a person can act on and no field names", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const call = createCall(connection, { fetch: reply(200, { version: "three" }) });
    const error = await call("GET", "/x", { reply: z.object({ version: z.number() }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe("bad-response");
    expect((error as ApiError).message).toBe("台账系统返回的内容无法识别：加载项可能需要更新，请关闭并重新打开任务窗格；如仍出现，请联系管理员。");
  });

  it("says the 台账系统 is unreachable when fetch fails, naming no address, and keeps the sheet as the truth", async () => {
    const call = createCall(connection, { fetch: async () => { throw new TypeError("Failed to fetch"); } });
    const error = (await call("GET", "/x", { reply: z.unknown() }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe("offline");
    expect(error.message).toBe("网络不通，或台账系统暂时无法访问：请检查网络；表格中的内容不受影响，联网后可重试。");
  });

  it("gives up when the server stays silent, with a Chinese message", async () => {
    const call = createCall(connection, {
      timeoutMs: 20,
      fetch: (_url, init) => new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))),
    });
    const error = (await call("GET", "/x", { reply: z.unknown() }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe("台账系统长时间没有回应，请稍后重试；表格中的内容不受影响。");
  });

  it("waits longer for a big body to go up, and as long as a long reply keeps coming", async () => {
    // The server answers after 120 ms: too long for a small call with a 60 ms budget, not for a 4 KB body (+125 ms).
    const late: typeof fetch = (_url, init) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(new Response("{}")), 120);
      init?.signal?.addEventListener("abort", () => (clearTimeout(timer), reject(new DOMException("aborted", "AbortError"))));
    });
    const call = createCall(connection, { timeoutMs: 60, fetch: late });
    expect(((await call("PUT", "/x", { body: { a: "" }, reply: z.unknown() }).catch((e: unknown) => e)) as ApiError).kind).toBe("timeout");
    expect(await call("PUT", "/x", { body: { a: "x".repeat(4096) }, reply: z.unknown() })).toEqual({});

    // A reply in ten pieces 30 ms apart takes 300 ms in all, but is never silent for the 60 ms allowed.
    const trickle: typeof fetch = async () => new Response(new ReadableStream({
      async start(controller) {
        for (const piece of ['{"rows":[', "0,", "1,", "2,", "3,", "4,", "5,", "6,", "7,", "8]}"]) {
          await new Promise((r) => setTimeout(r, 30));
          controller.enqueue(new TextEncoder().encode(piece));
        }
        controller.close();
      },
    }));
    expect(await createCall(connection, { timeoutMs: 60, fetch: trickle })("GET", "/x", { reply: z.object({ rows: z.array(z.number()) }) })).toEqual({ rows: [0, 1, 2, 3, 4, 5, 6, 7, 8] });
  });

  it("passes on the server's own sentence for a bad body, without the field paths it carries for scripts", async () => {
    const call = createCall(connection, { fetch: reply(400, { error: { code: "bad-request", message: "请求内容有误：rows.0.status：无效选项", path: "rows.0.status" } }) });
    const error = (await call("PUT", "/x", { body: {}, reply: z.unknown() }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe("invalid");
    expect(error.message).toBe("内容有误，未保存：请求内容有误：无效选项");
    expect(plainMessage("Idempotency-Key 应为 8–128 位字母")).toBe("Idempotency-Key 应为 8–128 位字母");
    expect(plainMessage("people.0.username：用户名至少 2 个字符")).toBe("用户名至少 2 个字符");
  });

  it("never shows an API route or a status code", async () => {
    const route = await createCall(connection, { fetch: reply(404, { error: { code: "not-found", message: "没有这个接口：GET /plans/x/y" } }) })("GET", "/plans/x/y", { reply: z.unknown() }).catch((e: unknown) => e) as ApiError;
    expect(route.message).toBe("找不到所需的方案或台账：它可能已被删除或改名。请重新打开任务窗格；如仍出现，请联系管理员。");
    const crash = await createCall(connection, { fetch: reply(502, "Bad Gateway") })("GET", "/x", { reply: z.unknown() }).catch((e: unknown) => e) as ApiError;
    expect(crash.message).toBe("台账系统暂时出错，请稍后重试；如持续出现，请联系管理员。");
  });

  it("tells a newer plan (the server's plan-changed 409) from a colleague's newer 报送", async () => {
    const api = createApi(connection, { fetch: reply(409, { error: { code: "plan-changed", message: "方案已更新到第 4 版" }, planVersion: 4 }) });
    const error = await api.putLedger("p", "区党政办", { baseVersion: 2, rows: [] }, "key-00001").catch((e: unknown) => e);
    expect((error as ApiError).kind).toBe("plan-changed");
    expect(newerPlanOf(error)).toBe(4);
    expect(conflictOf(error)).toBeUndefined();
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
