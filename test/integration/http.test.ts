// The API as `npm start` serves it, over real HTTP: clients that send too much get a 413 they can read, every
// time, and nobody else notices. Node's fetch (undici), as the task pane's and scripts' clients are.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { loadOrCreateKey, signLocalToken } from "../../api/auth/local-tokens";
import { startLocalApi, type LocalApi } from "../../api/local/api-server";

const dataDir = mkdtempSync(join(tmpdir(), "taizhang-http-"));
let api: LocalApi;
let token: string;

beforeAll(async () => {
  api = await startLocalApi({ port: 0, dynamoEndpoint: inject("dynamoEndpoint"), dataDir, table: `http-${Date.now()}` });
  token = await signLocalToken(await loadOrCreateKey(dataDir), { sub: "clerk-http", role: "clerk", unit: "区党政办" });
});
afterAll(() => api.close());

const url = (path: string) => `${api.url}${path}`;
const ledger = () => url(`/plans/zhuhai-gxq-2022/units/${encodeURIComponent("区党政办")}/ledger`);

describe("an oversized body", () => {
  it("gets the Chinese 413 every time, 50 sent one after another and 20 at once (some without a length), while other requests go on unharmed", async () => {
    const twoMb = JSON.stringify({ baseVersion: 0, rows: [{ measures: "很".repeat(700_000) }] });
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const send = async (i: number) => {
      // Every fifth is streamed without a Content-Length, so only reading it tells its size.
      const body = i % 5 ? twoMb : new Blob([twoMb]).stream();
      try {
        const response = await fetch(ledger(), { method: "PUT", headers, body, ...(i % 5 ? {} : { duplex: "half" }) } as RequestInit);
        return { status: response.status, body: await response.json() };
      } catch (error) {
        return { status: 0, body: String((error as Error).cause ?? error) };
      }
    };
    const read = async () => (await fetch(url("/plans"), { headers: { authorization: `Bearer ${token}` } })).status;
    // One after another on the same keep-alive connection, with another client reading alongside.
    const oneByOne = [];
    const alongside = [];
    for (let i = 0; i < 50; i++) {
      const [refused, other] = await Promise.all([send(i), read().catch(() => 0)]);
      oneByOne.push(refused);
      alongside.push(other);
    }
    // All at once.
    const [atOnce, others] = await Promise.all([Promise.all(Array.from({ length: 20 }, (_, i) => send(i))), Promise.all(Array.from({ length: 20 }, () => read().catch(() => 0)))]);
    const failures = [...oneByOne, ...atOnce].filter((r) => r.status !== 413);
    expect(failures, JSON.stringify(failures.slice(0, 3))).toEqual([]);
    for (const reply of [...oneByOne, ...atOnce]) expect(reply.body.error).toMatchObject({ code: "too-large", message: expect.stringContaining("请求内容超过 1 MB") });
    expect([...alongside, ...others]).toEqual([...alongside, ...others].map(() => 200));
    // Nothing was written, and the server still serves.
    const after = await fetch(ledger(), { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(200);
    expect((await after.json()).version).toBe(0);
  });

  it("is answered with the CORS grant a browser needs to read it", async () => {
    const origin = "https://localhost:3000";
    const response = await fetch(ledger(), {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", origin },
      body: "x".repeat(1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
  });
});
