// POST /plans/import (admin): a plan document, uploaded as a file (multipart/form-data, field "file") or sent as
// JSON text, → a draft plan and its parse report. Nothing is stored: the admin corrects the draft in the 方案
// sheet and publishes it with PUT /plans/{id}. A draft of a plan already published takes that plan's id, so
// publishing it makes its next version.
import { Hono, type Context } from "hono";
import { ImportRequest, ImportUploadFields, type ImportReply } from "../../core/api/contract";
import { PlanImportError } from "../../core/plan/import";
import { findPublished } from "../../core/plan/identity";
import type { AppEnv } from "../app-env";
import { badRequest, HttpError } from "../errors";
import { PlanFileError } from "../import/errors";
import type { PlanImporter } from "../import/importer";
import type { ImportJob } from "../import/run-import";
import type { Repository } from "../storage/repository";
import { requireRole } from "./access";
import { readBody } from "./body";

async function jobOf(c: Context<AppEnv>): Promise<ImportJob> {
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const body = await readBody(c, ImportRequest);
    return { text: body.text, year: body.year, id: body.id };
  }
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new HttpError(400, "bad-request", "上传的内容无法读取：请重新选择方案文件上传。");
  }
  const file = form.file;
  if (!(file instanceof File)) throw new HttpError(400, "bad-request", "请上传方案文件（表单字段 file）。", { path: "file" });
  const fields = ImportUploadFields.safeParse({ year: form.year || undefined, id: form.id || undefined });
  if (!fields.success) throw badRequest(fields.error);
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, ...fields.data };
}

export function planImportRoutes(repository: Repository, importer: PlanImporter) {
  const app = new Hono<AppEnv>();
  app.post("/import", async (c) => {
    requireRole(c.get("principal"), "admin");
    const job = await jobOf(c);
    let result;
    try {
      result = await importer.run(job);
    } catch (error) {
      if (error instanceof PlanImportError) throw new HttpError(422, error.code, error.message);
      if (error instanceof PlanFileError) throw new HttpError(422, "unreadable-file", error.message);
      throw error;
    }
    const published = await findPublished(
      job.id ? result.plan : { ...result.plan, id: undefined },
      () => repository.listPlans(),
      (id) => repository.getPlan(id),
    );
    const plan = published && !job.id ? { ...result.plan, id: published.id } : result.plan;
    const reply: ImportReply = { plan, report: result.report, ...(published ? { published: { id: published.id, version: published.version, title: published.title } } : {}) };
    return c.json(reply);
  });
  return app;
}
