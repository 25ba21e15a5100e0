// The import route's own body limit, through the API as `npm start` serves it (the Node server that reads bodies
// first): a plan file of a few MB (a Word file with a picture) is taken, one byte over the limit is the Chinese 413
// saying what to do, and every other route keeps its 1 MB.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, ImageRun, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { loadOrCreateKey, signLocalToken } from "../../api/auth/local-tokens";
import { startLocalApi, type LocalApi } from "../../api/local/api-server";
import { handle } from "hono/aws-lambda";
import { IMPORT_MAX_BYTES, ImportReply } from "../../core/api/contract";
import { testApi } from "./harness";

const dataDir = mkdtempSync(join(tmpdir(), "taizhang-import-limit-"));
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  api = await startLocalApi({ port: 0, dynamoEndpoint: inject("dynamoEndpoint"), dataDir, table: `import-limit-${Date.now()}` });
  admin = await signLocalToken(await loadOrCreateKey(dataDir), { sub: "admin-limit", role: "admin" });
});
afterAll(() => api.close());

const BOUNDARY = "----taizhang-limit";
const head = (name: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
const tail = `\r\n--${BOUNDARY}--\r\n`;

/** A multipart body of exactly `size` bytes: a plan's text, padded with blank lines to fill it. */
function textUpload(size: number): Buffer {
  const plan = readFileSync("seeds/003_9d18277b23ecf8aa.txt");
  const frame = Buffer.byteLength(head("plan.txt")) + Buffer.byteLength(tail);
  return Buffer.concat([Buffer.from(head("plan.txt")), plan, Buffer.alloc(size - frame - plan.length, "\n"), Buffer.from(tail)]);
}

async function post(path: string, body: string | Uint8Array<ArrayBuffer>, contentType: string, stream = false) {
  const response = await fetch(`${api.url}${path}`, {
    method: /\/(import|review)$/.test(path) ? "POST" : "PUT",
    headers: { authorization: `Bearer ${admin}`, "content-type": contentType },
    // Streamed without a Content-Length, so only reading it tells its size.
    body: stream ? new Blob([body]).stream() : body,
    ...(stream ? { duplex: "half" } : {}),
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as any };
}
const upload = (body: Buffer, stream = false) => post("/plans/import", new Uint8Array(body), `multipart/form-data; boundary=${BOUNDARY}`, stream);

describe("the plan import's upload limit", () => {
  it("takes a 3 MB Word file with a picture in it", async () => {
    const doc = new Document({
      sections: [{
        children: [
          new Paragraph("某区2025年政务公开工作要点分工方案"),
          new Paragraph({ children: [new ImageRun({ type: "png", data: randomBytes(3 * 1024 * 1024), transformation: { width: 400, height: 300 } })] }),
          new Paragraph("1. 公开年度预决算信息。（责任单位：区财政局；完成时限：2025年6月底前）"),
          new Paragraph("2. 做好政府信息公开年度报告。（责任单位：区政府办；完成时限：2025年1月31日前）"),
        ],
      }],
    });
    const docx = await Packer.toBuffer(doc);
    expect(docx.length).toBeGreaterThan(3 * 1024 * 1024);
    const reply = await upload(Buffer.concat([Buffer.from(head("要点.docx")), docx, Buffer.from(tail)]));
    expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(200);
    expect(ImportReply.parse(reply.body).plan.tasks.map((t) => t.lead)).toEqual([["区财政局"], ["区政府办"]]);
  });

  it("takes a body of exactly the limit, and answers one byte more with the Chinese 413 naming the limit and what to do", async () => {
    const atLimit = await upload(textUpload(IMPORT_MAX_BYTES));
    expect(atLimit.status, JSON.stringify(atLimit.body).slice(0, 300)).toBe(200);
    expect(ImportReply.parse(atLimit.body).plan.tasks.length).toBeGreaterThan(10);

    for (const stream of [false, true]) {
      const over = await upload(textUpload(IMPORT_MAX_BYTES + 1), stream);
      expect(over.status).toBe(413);
      expect(over.body.error.code).toBe("too-large");
      expect(over.body.error.message).toContain("方案文件不能超过 4 MB");
      expect(over.body.error.message).toContain("另存为 .docx");
      expect(over.body.error.message).toContain("粘贴方案全文");
    }
  });

  it("leaves every other route at 1 MB", async () => {
    const ledger = `/plans/zhuhai-gxq-2022/units/${encodeURIComponent("区党政办")}/ledger`;
    const oneMb = JSON.stringify({ baseVersion: 0, rows: [] }).padEnd(1024 * 1024 + 1, " ");
    for (const path of [ledger, `${ledger}/review`, "/plans/zhuhai-gxq-2022"]) {
      const reply = await post(path, oneMb, "application/json");
      expect(reply.status, path).toBe(413);
      expect(reply.body.error.message).toContain("请求内容超过 1 MB");
    }
    // Just under 1 MB is read (and refused for what it says, not for its size).
    const under = await post(ledger, JSON.stringify({ baseVersion: 0, rows: [] }).padEnd(1024 * 1024, " "), "application/json");
    expect(under.status).not.toBe(413);
  });

  it("draws the same line on Lambda, where the upload arrives base64-encoded in an HTTP API event", async () => {
    const lambda = await testApi();
    const token = await lambda.token("admin");
    const http = handle(lambda.app);
    const invoke = async (body: Buffer) => {
      const event = {
        version: "2.0", routeKey: "$default", rawPath: "/plans/import", rawQueryString: "",
        headers: { authorization: `Bearer ${token}`, "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": String(body.length), host: "api.example.com" },
        requestContext: { http: { method: "POST", path: "/plans/import", protocol: "HTTP/1.1", sourceIp: "203.0.113.1", userAgent: "test" }, domainName: "api.example.com", stage: "$default", requestId: "r", routeKey: "$default", accountId: "1", apiId: "a", domainPrefix: "api", time: "", timeEpoch: 0 },
        body: body.toString("base64"),
        isBase64Encoded: true,
      };
      // Lambda's own limit: the event as sent must fit its 6 MB synchronous request.
      expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(6 * 1024 * 1024);
      const reply = await http(event as never, {} as never) as { statusCode: number; body: string };
      return { status: reply.statusCode, body: JSON.parse(reply.body) };
    };
    expect((await invoke(textUpload(IMPORT_MAX_BYTES))).status).toBe(200);
    const over = await invoke(textUpload(IMPORT_MAX_BYTES + 1));
    expect(over.status).toBe(413);
    expect(over.body.error.message).toContain("方案文件不能超过 4 MB");
  });
});
