import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { ConflictReply, ConsolidatedPage, ExportLink, HistoryReply, LedgerReply, PlanList, RejectedReply, StatusReply } from "../../core/api/contract";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { clerkCells, type ClerkRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { ledgerPath, testApi } from "./harness";

const PLAN = "zhuhai-gxq-2022";
// Fixed clock: the plan's ledgers are due in 2022; tests do not depend on today's date.
const NOW = "2022-06-15T02:00:00.000Z";

let api: Awaited<ReturnType<typeof testApi>>;
let plan: Plan & { version: number };
const tokens: Record<string, string> = {};

/** The unit's rows as a clerk would send them: its own cells only, every required one filled. */
function filledRows(unit: string, change: (row: ClerkRow, i: number) => Partial<ClerkRow> = () => ({})): ClerkRow[] {
  return ledgerFor(plan, unit).map((row, i) => clerkCells({ ...row, office: "综合科", leader: "张三", ...change(clerkCells(row), i) }));
}

beforeAll(async () => {
  api = await testApi({ now: () => NOW });
  plan = (await api.repository.getPlan(PLAN))!;
  tokens.dangzheng = await api.token("clerk", "区党政办");
  tokens.zongzhi = await api.token("clerk", "区综治局");
  tokens.tangjiawan = await api.token("clerk", "唐家湾镇");
  tokens.office = await api.token("office");
  tokens.admin = await api.token("admin");
});

describe("authentication and each role's rights", () => {
  it("answers 401 without a token or with a forged one", async () => {
    expect((await api.call("GET", "/plans", undefined)).status).toBe(401);
    const forged = await api.call("GET", "/plans", "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.x");
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toMatch(/令牌/);
  });

  it("lets every role list the plans", async () => {
    const list = PlanList.parse((await api.call("GET", "/plans", tokens.dangzheng)).body);
    expect(list.plans.map((p) => p.id)).toContain(PLAN);
  });

  it("keeps a clerk to its own unit: reading or writing another unit is 403", async () => {
    expect((await api.call("GET", ledgerPath(PLAN, "区党政办"), tokens.dangzheng)).status).toBe(200);
    const read = await api.call("GET", ledgerPath(PLAN, "区综治局"), tokens.dangzheng);
    expect(read.status).toBe(403);
    expect(read.body.error.message).toContain("本单位");
    const write = await api.call("PUT", ledgerPath(PLAN, "区综治局"), tokens.dangzheng, { baseVersion: 0, rows: filledRows("区综治局") });
    expect(write.status).toBe(403);
    expect((await api.repository.getLedger(PLAN, "区综治局"))).toBeUndefined();
  });

  it("lets the office read every unit but not sync, and only the admin publish", async () => {
    expect((await api.call("GET", ledgerPath(PLAN, "区综治局"), tokens.office)).status).toBe(200);
    expect((await api.call("PUT", ledgerPath(PLAN, "区综治局"), tokens.office, { baseVersion: 0, rows: [] })).status).toBe(403);
    expect((await api.call("PUT", `/plans/${PLAN}`, tokens.office, plan)).status).toBe(403);
    expect((await api.call("GET", `/plans/${PLAN}/consolidated`, tokens.dangzheng)).status).toBe(403);
    const published = await api.call("PUT", `/plans/${PLAN}`, tokens.admin, { ...plan, title: `${plan.title}（修订）` });
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(plan.version + 1);
    // Every earlier version stays readable.
    expect((await api.call("GET", `/plans/${PLAN}?version=${plan.version}`, tokens.office)).body.title).toBe(plan.title);
    plan = published.body;
  });

  it("imports a plan document's text into a draft for the admin, storing nothing", async () => {
    const text = "2023年某区政务公开工作要点分工方案\n一、基础\n1.更新公开目录。（责任单位：区党政办）\n";
    const draft = await api.call("POST", "/plans/import", tokens.admin, { text, id: "draft-2023" });
    expect(draft.status).toBe(200);
    expect(draft.body.plan.tasks).toHaveLength(1);
    expect(draft.body.report.counts.tasks).toBe(1);
    expect((await api.call("GET", "/plans/draft-2023", tokens.admin)).status).toBe(404);
    expect((await api.call("POST", "/plans/import", tokens.dangzheng, { text })).status).toBe(403);
    const empty = await api.call("POST", "/plans/import", tokens.admin, { text: "没有任务" });
    expect(empty.status).toBe(422);
    expect(empty.body.error.message).toContain("没有在文本中找到编号的任务");
  });
});

describe("syncing a unit's ledger", () => {
  it("accepts a valid ledger, stores its warnings, and gives it back on the next read", async () => {
    const rows = filledRows("区党政办", (_, i) => (i === 0 ? { status: "推进中", measures: "按季度更新目录" } : {}));
    const sync = await api.call("PUT", ledgerPath(PLAN, "区党政办"), tokens.dangzheng, { baseVersion: 0, rows });
    expect(sync.status).toBe(200);
    const accepted = LedgerReply.parse(sync.body);
    expect(accepted.version).toBe(1);
    const read = LedgerReply.parse((await api.call("GET", ledgerPath(PLAN, "区党政办"), tokens.dangzheng)).body);
    // What the clerk sent, with the role the plan gives the unit on each task.
    expect(read.rows.map(clerkCells)).toEqual(rows);
    expect(read.rows.map((r) => r.role)).toEqual(ledgerFor(plan, "区党政办").map((r) => r.role));
    expect(read.version).toBe(1);
  });

  it("rejects a ledger with error findings whole (422 with the findings) and stores nothing", async () => {
    const rows = filledRows("区综治局", (_, i) => (i === 1 ? { office: "", status: "已完成" } : {}));
    const rejected = await api.call("PUT", ledgerPath(PLAN, "区综治局"), tokens.zongzhi, { baseVersion: 0, rows });
    expect(rejected.status).toBe(422);
    const body = RejectedReply.parse(rejected.body);
    expect(body.findings.filter((f) => f.severity === "error").map((f) => f.code)).toEqual(expect.arrayContaining(["office-empty", "done-without-date"]));
    expect(await api.repository.getLedger(PLAN, "区综治局")).toBeUndefined();
  });

  it("answers bad bodies with 400 naming the field, 413 for a 2 MB body, 404 for an unknown plan, and writes nothing", async () => {
    const path = ledgerPath(PLAN, "唐家湾镇");
    const missing = await api.call("PUT", path, tokens.tangjiawan, { rows: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.path).toBe("baseVersion");
    const wrongType = await api.call("PUT", path, tokens.tangjiawan, { baseVersion: 0, rows: [{ ...filledRows("唐家湾镇")[0], status: "完成了" }] });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.path).toBe("rows.0.status");
    expect((await api.call("PUT", path, tokens.tangjiawan, "{not json")).status).toBe(400);
    const huge = await api.call("PUT", path, tokens.tangjiawan, { baseVersion: 0, rows: [{ ...filledRows("唐家湾镇")[0], measures: "很".repeat(700_000) }] });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("too-large");
    expect((await api.call("PUT", ledgerPath("no-such-plan", "唐家湾镇"), tokens.tangjiawan, { baseVersion: 0, rows: [] })).status).toBe(404);
    expect(await api.repository.getLedger(PLAN, "唐家湾镇")).toBeUndefined();
  });

  it("lets exactly one of twenty concurrent syncs from the same base win; the rest get 409 with the server's rows", async () => {
    const unit = "区发改财政局";
    const token = await api.token("clerk", unit);
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        api.call("PUT", ledgerPath(PLAN, unit), token, { baseVersion: 0, rows: filledRows(unit, () => ({ progress: `第${n}位联络员` })) }),
      ),
    );
    const winners = attempts.filter((a) => a.status === 200);
    expect(winners).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 409)).toHaveLength(19);
    const conflict = ConflictReply.parse(attempts.find((a) => a.status === 409)!.body);
    expect(conflict.version).toBe(1);
    expect(conflict.rows[0]!.progress).toBe(winners[0]!.body.rows[0].progress);

    const next = await api.call("PUT", ledgerPath(PLAN, unit), token, { baseVersion: 1, rows: filledRows(unit, () => ({ progress: "第二版" })) });
    expect(next.status).toBe(200);
    const history = HistoryReply.parse((await api.call("GET", `${ledgerPath(PLAN, unit)}/history`, token)).body);
    expect(history.versions.map((v) => v.version)).toEqual([1, 2]);
    const first = LedgerReply.parse((await api.call("GET", `${ledgerPath(PLAN, unit)}/history?version=1`, token)).body);
    expect(first.rows[0]!.progress).toBe(winners[0]!.body.rows[0].progress);
  });

  it("answers a retried sync with the same Idempotency-Key with the first answer, applying it once", async () => {
    const unit = "区社会事业局";
    const token = await api.token("clerk", unit);
    const body = { baseVersion: 0, rows: filledRows(unit) };
    const headers = { "idempotency-key": "retry-0001-abcdef" };
    const first = await api.call("PUT", ledgerPath(PLAN, unit), token, body, headers);
    const retry = await api.call("PUT", ledgerPath(PLAN, unit), token, body, headers);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const history = HistoryReply.parse((await api.call("GET", `${ledgerPath(PLAN, unit)}/history`, token)).body);
    expect(history.versions).toHaveLength(1);
  });

  it("refuses a sync made on an older plan version once a newer one is published, writing nothing", async () => {
    const unit = "区疫情防控办综合组";
    const token = await api.token("clerk", unit);
    const stale = await api.call("PUT", ledgerPath(PLAN, unit), token, { baseVersion: 0, planVersion: plan.version - 1, rows: filledRows(unit) });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: "plan-changed" }, planVersion: plan.version });
    expect(await api.repository.getLedger(PLAN, unit)).toBeUndefined();
    const current = await api.call("PUT", ledgerPath(PLAN, unit), token, { baseVersion: 0, planVersion: plan.version, rows: filledRows(unit) });
    expect(current.status).toBe(200);
  });

  it("syncs a 500-row ledger (chunked under the item limit) and reads it back whole", async () => {
    const unit = "区税务局";
    const token = await api.token("clerk", unit);
    const base = filledRows(unit);
    const rows = Array.from({ length: 500 }, (_, i) => ({ ...base[i % base.length]!, continuation: i >= base.length || undefined, measures: `措施${i}：${"按计划推进，".repeat(60)}` }));
    const ordered = [...rows].sort((a, b) => plan.tasks.findIndex((t) => t.id === a.taskId) - plan.tasks.findIndex((t) => t.id === b.taskId));
    const clean = ordered.map((r, i, all) => {
      const { continuation, ...rest } = r;
      return i > 0 && all[i - 1]!.taskId === r.taskId ? { ...rest, continuation: true } : rest;
    });
    const sync = await api.call("PUT", ledgerPath(PLAN, unit), token, { baseVersion: 0, rows: clean });
    expect(sync.status).toBe(200);
    const read = LedgerReply.parse((await api.call("GET", ledgerPath(PLAN, unit), token)).body);
    expect(read.rows).toHaveLength(500);
    expect(read.rows[499]!.measures).toBe(clean[499]!.measures);
  });
});

describe("the central office", () => {
  it("marks a row 退回 with a comment, and the unit sees it on its next read", async () => {
    const review = await api.call("POST", `${ledgerPath(PLAN, "区党政办")}/review`, tokens.office, { rowKey: filledRows("区党政办")[0]!.taskId, verdict: "退回", comment: "请补充佐证材料" });
    expect(review.status).toBe(200);
    const read = LedgerReply.parse((await api.call("GET", ledgerPath(PLAN, "区党政办"), tokens.dangzheng)).body);
    expect(read.rows[0]!.review).toMatchObject({ verdict: "退回", comment: "请补充佐证材料" });
    expect((await api.call("POST", `${ledgerPath(PLAN, "区党政办")}/review`, tokens.dangzheng, { rowKey: "1", verdict: "通过", comment: "" })).status).toBe(403);
  });

  it("gets every unit's rows merged, and who has not reported", async () => {
    const zongzhi = filledRows("区综治局", (_, i) => (i === 0 ? { measures: "=HYPERLINK(\"http://x\")", status: "推进中" } : {}));
    expect((await api.call("PUT", ledgerPath(PLAN, "区综治局"), tokens.zongzhi, { baseVersion: 0, rows: zongzhi })).status).toBe(200);
    const merged = ConsolidatedPage.parse((await api.call("GET", `/plans/${PLAN}/consolidated`, tokens.office)).body);
    expect(merged.next).toBeUndefined();
    const units = merged.ledgers.map((l) => l.unit);
    expect(units).toEqual(expect.arrayContaining(["区党政办", "区综治局", "区发改财政局"]));
    expect(units).not.toContain("唐家湾镇");
    expect(merged.ledgers.find((l) => l.unit === "区综治局")!.rows).toHaveLength(zongzhi.length);
  });

  it("exports the merged sheets as .xlsx with formula text escaped", async () => {
    const link = ExportLink.parse((await api.call("GET", `/plans/${PLAN}/consolidated?format=xlsx`, tokens.office)).body);
    const response = await api.app.request(link.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["汇总台账", "任务进度", "单位统计", "考核排名", "未报送单位"]);
    const summary = book.getWorksheet("汇总台账")!;
    const cells: ExcelJS.Cell[] = [];
    summary.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    expect(cells.some((c) => c.formula)).toBe(false);
    const injected = cells.find((c) => String(c.value).includes("HYPERLINK"))!;
    expect(String(injected.value).startsWith("=")).toBe(false);
    expect(book.getWorksheet("未报送单位")!.getColumn(1).values).toContain("唐家湾镇");
  });

  it("sees who has reported, late or not, with counts and overdue rows", async () => {
    const status = StatusReply.parse((await api.call("GET", `/plans/${PLAN}/status`, tokens.office)).body);
    const of = (unit: string) => status.units.find((u) => u.unit === unit)!;
    expect(of("唐家湾镇")).toMatchObject({ reported: false, state: "未报送" });
    expect(of("区党政办")).toMatchObject({ reported: true, version: 1 });
    expect(of("区党政办").counts.推进中).toBe(1);
  });
});
