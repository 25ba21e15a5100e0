// The export store of the local stack: files in a folder (.data/exports), served by the local API itself under
// /exports/… to whoever holds a link it signed, until the link expires, as an S3 presigned link works on AWS.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { Hono } from "hono";
import { HttpError } from "../errors";
import { attachment, EXPORT_KEEP_DAYS, EXPORT_KEY, EXPORT_LINK_SECONDS, type ExportFile, type ExportStore } from "./export-store";

export interface LocalExportStoreOptions {
  dir: string;
  /** Now, as an ISO instant; tests move it past a link's expiry. */
  now?: () => string;
}

const refused = (status: 403 | 404, message: string) => new HttpError(status, status === 404 ? "not-found" : "forbidden", message);

export function localExportStore(options: LocalExportStoreOptions): ExportStore {
  const now = () => Date.parse(options.now?.() ?? new Date().toISOString());
  // A key of this process: links die with the server, which is what a short-lived link should do anyway.
  const key = randomBytes(32);
  const sign = (fileKey: string, expires: number, name: string) =>
    createHmac("sha256", key).update(`${fileKey}\n${expires}\n${name}`).digest("base64url");

  /** Files past their day, and parts of writes that died, go as S3's lifecycle rule would take them. */
  async function prune(): Promise<void> {
    const oldest = now() - EXPORT_KEEP_DAYS * 86_400_000;
    for (const entry of await readdir(options.dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      if ((await stat(path)).mtimeMs < oldest) await rm(path, { force: true });
    }
  }

  const routes = new Hono();
  routes.get("/:plan/:file", async (c) => {
    const fileKey = `${c.req.param("plan")}/${c.req.param("file")}`;
    const { name = "", expires = "", signature = "" } = c.req.query();
    const expected = Buffer.from(sign(fileKey, Number(expires), name));
    const given = Buffer.from(signature);
    let error: HttpError | undefined;
    if (!EXPORT_KEY.test(fileKey) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      error = refused(403, "下载链接无效，请在任务窗格或命令行中重新导出。");
    } else if (Number(expires) * 1000 < now()) {
      error = refused(403, "下载链接已过期（有效期 5 分钟），请重新导出。");
    }
    const path = join(options.dir, fileKey);
    if (!error && !(await stat(path).catch(() => undefined))?.isFile()) error = refused(404, "导出的文件已不存在，请重新导出。");
    if (error) return c.json(error.body(), error.status as 403 | 404);
    return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": attachment(name),
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });

  return {
    routes,

    async save(file: ExportFile, produce) {
      if (!EXPORT_KEY.test(file.key)) throw new Error(`export key ${file.key} is not <planId>/<uuid>.xlsx`);
      const path = join(options.dir, file.key);
      await mkdir(dirname(path), { recursive: true });
      await prune();
      // Written beside its name and renamed when whole, so a link never serves half a file.
      const part = `${path}.${randomUUID()}.part`;
      const out = createWriteStream(part);
      try {
        await Promise.all([produce(out), finished(out)]);
        await rename(part, path);
      } catch (error) {
        // The file may still be opening: removed once the stream is closed, or the open would bring it back.
        if (!out.closed) await new Promise<void>((closed) => out.destroy().once("close", () => closed()));
        await rm(part, { force: true });
        throw error;
      }
    },

    async link(file, origin) {
      const expires = Math.floor(now() / 1000) + EXPORT_LINK_SECONDS;
      const query = new URLSearchParams({ name: file.fileName, expires: String(expires), signature: sign(file.key, expires, file.fileName) });
      return { url: `${origin}/exports/${file.key}?${query}`, expiresAt: new Date(expires * 1000).toISOString(), fileName: file.fileName };
    },
  };
}
