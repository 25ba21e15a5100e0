// POST /plans/import with files as the pane uploads them, and publishing a plan that is already published.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ImportReply } from "../../core/api/contract";
import { testApi } from "./harness";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "plans");
let api: Awaited<ReturnType<typeof testApi>>;
let admin: string;

beforeAll(async () => {
  api = await testApi();
  admin = await api.token("admin");
});

async function upload(file: string, fields: Record<string, string> = {}, token = admin) {
  const form = new FormData();
  form.append("file", new Blob([readFileSync(join(FIXTURES, file))]), file);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const response = await api.app.request("/plans/import", { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

describe("POST /plans/import with a file", () => {
  it("reads a Word file, an Excel workbook and a GB18030 text file into drafts, storing nothing", async () => {
    const word = await upload("donghu-2024.docx");
    expect(word.status).toBe(200);
    const draft = ImportReply.parse(word.body);
    expect(draft.report.layout).toBe("word-table");
    expect(draft.plan.tasks.map((t) => t.id)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(draft.published).toBeUndefined();
    expect((await api.call("GET", `/plans/${draft.plan.id}`, admin)).status).toBe(404);
    expect(ImportReply.parse((await upload("beiyuan-2024.xlsx")).body).plan.tasks).toHaveLength(5);
    expect(ImportReply.parse((await upload("fengcheng-2024-gbk.txt")).body).plan.title).toBe("丰城市2024年政务公开工作要点");
  });

  it("takes the year as a form field, checked, for a file that states none", async () => {
    expect((await upload("nanhu-2024.csv")).status).toBe(422);
    const withYear = await upload("nanhu-2024.csv", { year: "2024" });
    expect(withYear.status).toBe(200);
    expect(withYear.body.plan.year).toBe(2024);
    const bad = await upload("nanhu-2024.csv", { year: "明年" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/年度/);
  });

  it("answers a scanned PDF, a missing file or a clerk with a Chinese error", async () => {
    const scanned = await upload("donghu-2024-scanned.pdf");
    expect(scanned.status).toBe(422);
    expect(scanned.body.error.message).toMatch(/扫描件.*Word 文件/);
    const form = new FormData();
    form.append("year", "2024");
    const none = await api.app.request("/plans/import", { method: "POST", headers: { authorization: `Bearer ${admin}` }, body: form });
    expect(none.status).toBe(400);
    expect(((await none.json()) as any).error.message).toMatch(/请上传方案文件/);
    expect((await upload("donghu-2024.docx", {}, await api.token("clerk", "区党政办"))).status).toBe(403);
  });
});

describe("publishing a plan that is already published", () => {
  it("makes its next version: a re-import takes the published plan's id, another id for it is refused", async () => {
    const first = ImportReply.parse((await upload("donghu-2024.docx")).body);
    const published = await api.call("PUT", `/plans/${first.plan.id}`, admin, first.plan);
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(1);

    // The same document as a PDF: same 文号, so the same plan.
    const again = ImportReply.parse((await upload("donghu-2024.pdf")).body);
    expect(again.published).toEqual({ id: first.plan.id, version: 1, title: first.plan.title });
    expect(again.plan.id).toBe(first.plan.id);
    expect((await api.call("PUT", `/plans/${again.plan.id}`, admin, again.plan)).body.version).toBe(2);

    // Published under a new id it would be a second plan with the same title: refused, naming the first.
    const copy = { ...again.plan, id: "donghu-copy" };
    const refused = await api.call("PUT", "/plans/donghu-copy", admin, copy);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(first.plan.title);
    expect(refused.body.existingId).toBe(first.plan.id);
    const titles = (await api.call("GET", "/plans", admin)).body.plans.filter((p: { title: string }) => p.title === first.plan.title);
    expect(titles).toHaveLength(1);
  });
});
