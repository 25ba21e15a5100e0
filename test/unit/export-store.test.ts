// The two export stores: S3 (a presigned link for five minutes, on the export prefix, the file streamed up) and
// the local folder (a file appears only whole; a failed export leaves nothing; files older than a day go).
import { mkdtempSync, readdirSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import type { Readable } from "node:stream";
import { S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it, vi } from "vitest";
import { EXPORT_PREFIX } from "../../api/exports/export-store";
import { localExportStore } from "../../api/exports/local-export-store";
import { s3ExportStore } from "../../api/exports/s3-export-store";

const file = { key: "plan-1/0b9f7a3e-5c1d-4e2f-9a8b-7c6d5e4f3a2b.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName: "方案汇总台账.xlsx" };
const client = () => new S3Client({ region: "cn-north-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });

describe("the S3 export store", () => {
  it("links the file under the export prefix for five minutes, named in Chinese", async () => {
    const store = s3ExportStore({ bucket: "exports-bucket", client: client(), now: () => "2026-03-02T01:00:00.000Z" });
    const link = await store.link(file, "https://ignored.example");
    const url = new URL(link.url);
    expect(url.hostname).toBe("exports-bucket.s3.cn-north-1.amazonaws.com.cn");
    expect(decodeURIComponent(url.pathname)).toBe(`/${EXPORT_PREFIX}${file.key}`);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get("response-content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    expect(link).toMatchObject({ expiresAt: "2026-03-02T01:05:00.000Z", fileName: file.fileName });
  });

  it("streams what the export writes into one object under the prefix, and stores nothing when the export fails", async () => {
    const s3 = client();
    const sent: Array<{ name: string; input: Record<string, unknown>; body?: Buffer }> = [];
    vi.spyOn(s3, "send").mockImplementation((async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const given = command.input.Body;
      const body = given instanceof Uint8Array ? Buffer.from(given) : given ? await buffer(given as Readable) : undefined;
      sent.push({ name: command.constructor.name, input: command.input, body });
      return {};
    }) as never);
    const store = s3ExportStore({ bucket: "exports-bucket", client: s3 });

    await store.save(file, async (out) => {
      out.write("第一页");
      out.end("第二页");
    });
    expect(sent.map((c) => c.name)).toEqual(["PutObjectCommand"]);
    expect(sent[0]!.input).toMatchObject({ Bucket: "exports-bucket", Key: `${EXPORT_PREFIX}${file.key}`, ContentType: file.contentType });
    expect(sent[0]!.body!.toString()).toBe("第一页第二页");

    sent.length = 0;
    await expect(store.save(file, async () => Promise.reject(new Error("数据库不可用")))).rejects.toThrow("数据库不可用");
    expect(sent.filter((c) => c.name === "PutObjectCommand" || c.name === "CompleteMultipartUploadCommand")).toEqual([]);
    await expect(store.save({ ...file, key: "../other/x.xlsx" }, async () => undefined)).rejects.toThrow();
  });
});

describe("the local export store", () => {
  it("keeps only whole files: a failed export leaves nothing, and files older than a day are removed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "taizhang-exports-"));
    let now = Date.parse("2026-03-02T01:00:00.000Z");
    const store = localExportStore({ dir, now: () => new Date(now).toISOString() });
    mkdirSync(join(dir, "plan-1"));
    const stale = join(dir, "plan-1", "old.xlsx");
    writeFileSync(stale, "x");
    utimesSync(stale, new Date(now - 25 * 3600_000), new Date(now - 25 * 3600_000));

    await expect(
      store.save(file, async (out) => {
        out.write("half");
        throw new Error("数据库不可用");
      }),
    ).rejects.toThrow("数据库不可用");
    expect(readdirSync(join(dir, "plan-1"))).toEqual([]);

    await store.save(file, async (out) => void out.end("whole"));
    expect(readdirSync(join(dir, "plan-1"))).toEqual([file.key.split("/")[1]]);
    const link = await store.link(file, "http://127.0.0.1:8787");
    expect(link.url.startsWith(`http://127.0.0.1:8787/exports/${file.key}?`)).toBe(true);
    now += 301_000;
    const response = await store.routes!.request(new URL(link.url).pathname.replace(/^\/exports/, "") + new URL(link.url).search);
    expect(response.status).toBe(403);
  });
});
