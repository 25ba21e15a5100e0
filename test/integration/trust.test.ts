// The API as an attacker and a careless client would meet it: fields that are not the sender's to say, reused
// idempotency keys, tokens without an expiry or a person, ids no table key can hold. DynamoDB Local, a table
// of this file's own.
import ExcelJS from "exceljs";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { ConsolidatedPage, ExportLink, HistoryReply, LedgerReply } from "../../core/api/contract";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { clerkCells, type ClerkRow, type LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { createApp } from "../../api/app";
import { localVerifier } from "../../api/auth/local-tokens";
import { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { ledgerPath, testApi, testClient } from "./harness";

const PLAN = "zhuhai-gxq-2022";
const NOW = "2022-06-15T02:00:00.000Z";

let api: Awaited<ReturnType<typeof testApi>>;
let plan: Plan & { version: number };

/** The unit's rows as its clerk sends them: its own cells, every required one filled. */
function filledRows(unit: string, change: (row: ClerkRow, i: number) => Partial<ClerkRow> = () => ({})): ClerkRow[] {
  return ledgerFor(plan, unit).map((row, i) => clerkCells({ ...row, office: "综合科", leader: "张三", ...change(clerkCells(row), i) }));
}

async function xlsxRows(token: string): Promise<string[][]> {
  const link = ExportLink.parse((await api.call("GET", `/plans/${PLAN}/consolidated?format=xlsx`, token)).body);
  const response = await api.app.request(link.url);
  expect(response.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.getWorksheet("汇总台账")!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return rows;
}

beforeAll(async () => {
  api = await testApi({ now: () => NOW });
  plan = (await api.repository.getPlan(PLAN))!;
});

describe("a clerk says only what is the unit's to say", () => {
  it("refuses the issue's attack (a forged 通过, a changed 牵头/配合), and the office's JSON and .xlsx never show a forged verdict", async () => {
    const unit = "区党政办";
    const clerk = await api.token("clerk", unit);
    const office = await api.token("office");
    const forged = filledRows(unit).map((row, i) => (i === 0 ? { ...row, review: { verdict: "通过", by: "office:all", comment: "", at: NOW } } : row));
    const review = await api.call("PUT", ledgerPath(PLAN, unit), clerk, { baseVersion: 0, rows: forged });
    expect(review.status).toBe(400);
    expect(review.body.error.path).toBe("rows.0");
    expect(review.body.error.message).toContain("审核意见只能由督办在审核时填写");

    const planRoles = ledgerFor(plan, unit).map((r) => r.role);
    const flipped = filledRows(unit).map((row, i) => (i === 1 ? { ...row, role: planRoles[1] === "牵头" ? "配合" : "牵头" } : row));
    const role = await api.call("PUT", ledgerPath(PLAN, unit), clerk, { baseVersion: 0, rows: flipped });
    expect(role.status).toBe(400);
    expect(role.body.error.message).toContain("牵头/配合由方案决定");
    const unknown = await api.call("PUT", ledgerPath(PLAN, unit), clerk, { baseVersion: 0, rows: filledRows(unit).map((row) => ({ ...row, approvedBy: "督办" })) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("不认识的字段「approvedBy」");
    expect(await api.repository.getLedger(PLAN, unit)).toBeUndefined();

    // The honest sync is stored with the plan's roles, and nobody's verdict.
    expect((await api.call("PUT", ledgerPath(PLAN, unit), clerk, { baseVersion: 0, rows: filledRows(unit) })).status).toBe(200);
    const merged = ConsolidatedPage.parse((await api.call("GET", `/plans/${PLAN}/consolidated`, office)).body);
    const rows = merged.ledgers.find((l) => l.unit === unit)!.rows;
    expect(rows.map((r) => r.role)).toEqual(planRoles);
    expect(rows.filter((r) => r.review)).toEqual([]);
    const sheet = await xlsxRows(office);
    const verdictColumn = sheet[0]!.indexOf("审核");
    expect(sheet.filter((r) => r[0] === unit).map((r) => r[verdictColumn] ?? "")).toEqual(rows.map(() => ""));
  });

  it("refuses a review sent by an admin syncing on a unit's behalf: the admin is not the office either", async () => {
    const unit = "区综治局";
    const admin = await api.token("admin");
    const rows = filledRows(unit).map((row, i) => (i === 0 ? { ...row, review: { verdict: "通过", by: "admin", comment: "", at: NOW } } : row));
    const sync = await api.call("PUT", ledgerPath(PLAN, unit), admin, { baseVersion: 0, rows });
    expect(sync.status).toBe(400);
    expect(await api.repository.getLedger(PLAN, unit)).toBeUndefined();
  });

  it("keeps each review on the row it judged when the clerk inserts or deletes continuation rows, and stops showing an approval once that row changes", async () => {
    const unit = "唐家湾镇";
    const clerk = await api.token("clerk", unit);
    const office = await api.token("office");
    const base = filledRows(unit);
    const taskId = base[0]!.taskId;
    const more = (measures: string): ClerkRow => ({ ...base[0]!, continuation: true, measures, status: "推进中" });
    const [x, y, z] = [more("另一项：编制目录"), more("第三项：专栏更新"), more("新增：培训")];
    const sync = async (baseVersion: number, rows: ClerkRow[]) => {
      const reply = await api.call("PUT", ledgerPath(PLAN, unit), clerk, { baseVersion, rows });
      expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(200);
      return LedgerReply.parse(reply.body);
    };
    const read = async () => LedgerReply.parse((await api.call("GET", ledgerPath(PLAN, unit), office)).body).rows;
    const reviewOf = (rows: LedgerRow[], measures: string) => rows.find((r) => r.taskId === taskId && r.measures === measures)?.review?.verdict;

    await sync(0, [base[0]!, x, y, ...base.slice(1)]);
    // The office reads version 1: x is the task's second row (key "<task>#1"), y its third.
    for (const [rowKey, verdict] of [[`${taskId}#1`, "退回"], [`${taskId}#2`, "通过"]] as const) {
      const reviewed = await api.call("POST", `${ledgerPath(PLAN, unit)}/review`, office, { rowKey, verdict, comment: `${verdict}的理由`, version: 1 });
      expect(reviewed.status).toBe(200);
    }

    // A new row above both moves them down a place; the verdicts stay on their rows, the new row has none.
    const v2 = await sync(1, [base[0]!, z, x, y, ...base.slice(1)]);
    expect([reviewOf(v2.rows, x.measures), reviewOf(v2.rows, y.measures), reviewOf(v2.rows, z.measures)]).toEqual(["退回", "通过", undefined]);
    // Deleting x moves y up into x's old place: y keeps its 通过, and nothing inherits x's 退回.
    await sync(2, [base[0]!, z, y, ...base.slice(1)]);
    let rows = await read();
    expect([reviewOf(rows, y.measures), reviewOf(rows, z.measures), rows.find((r) => r.taskId === taskId && !r.continuation)?.review]).toEqual(["通过", undefined, undefined]);
    // The clerk rewrites y after it was approved: the approval was for the old text, so it no longer shows.
    const rewritten = { ...y, progress: "改写后的进展" };
    await sync(3, [base[0]!, z, rewritten, ...base.slice(1)]);
    rows = await read();
    expect(rows.filter((r) => r.review)).toEqual([]);
    const merged = ConsolidatedPage.parse((await api.call("GET", `/plans/${PLAN}/consolidated`, office)).body);
    expect(merged.ledgers.find((l) => l.unit === unit)!.rows.filter((r) => r.review)).toEqual([]);

    // A verdict on a row as the office read it in version 2 is refused once the clerk has changed that row.
    const late = await api.call("POST", `${ledgerPath(PLAN, unit)}/review`, office, { rowKey: `${taskId}#3`, verdict: "通过", comment: "", version: 2 });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain("请刷新后再审核");
  });
});

describe("an Idempotency-Key is one person's, for one request", () => {
  const sync = (unit: string, token: string, body: unknown, key: string) => api.call("PUT", ledgerPath(PLAN, unit), token, body, { "idempotency-key": key });
  const versions = async (unit: string, token: string) => HistoryReply.parse((await api.call("GET", `${ledgerPath(PLAN, unit)}/history`, token)).body).versions;

  it("answers the same key with another body 422 in Chinese and writes nothing", async () => {
    const unit = "区发改财政局";
    const clerk = await api.token("clerk", unit);
    expect((await sync(unit, clerk, { baseVersion: 0, rows: filledRows(unit) }, "key-other-body-1")).status).toBe(200);
    const other = await sync(unit, clerk, { baseVersion: 1, rows: filledRows(unit, () => ({ progress: "另一份内容" })) }, "key-other-body-1");
    expect(other.status).toBe(422);
    expect(other.body.error.message).toContain("请求编号已用于另一份内容");
    expect((await versions(unit, clerk)).map((v) => v.version)).toEqual([1]);
  });

  it("answers the same key on another unit 422, leaving that unit untouched", async () => {
    const admin = await api.token("admin");
    const [first, second] = ["区社会事业局", "区税务局"];
    expect((await sync(first, admin, { baseVersion: 0, rows: filledRows(first) }, "key-other-unit-1")).status).toBe(200);
    const other = await sync(second, admin, { baseVersion: 0, rows: filledRows(second) }, "key-other-unit-1");
    expect(other.status).toBe(422);
    expect(await api.repository.getLedger(PLAN, second)).toBeUndefined();
  });

  it("never lets another person's request replay as this one's: each clerk of a unit is their own", async () => {
    const unit = "区疫情防控办综合组";
    const zhang = await api.token("clerk", unit, { sub: "张敏" });
    const li = await api.token("clerk", unit, { sub: "李华" });
    const body = { baseVersion: 0, rows: filledRows(unit) };
    expect((await sync(unit, zhang, body, "shared-key-001")).status).toBe(200);
    // The same key and body from 李华 is 李华's own request: from version 0 it is stale, not a replay of 张敏's.
    expect((await sync(unit, li, body, "shared-key-001")).status).toBe(409);
    expect((await sync(unit, li, { baseVersion: 1, rows: filledRows(unit, () => ({ progress: "李华填报" })) }, "shared-key-001")).status).toBe(200);
    // History names each person.
    expect((await versions(unit, li)).map((v) => [v.version, v.by])).toEqual([[1, `张敏（${unit}）`], [2, `李华（${unit}）`]]);
  });

  it("executes one of twenty concurrent requests with one key once, across two API instances, and answers them all the same", async () => {
    const unit = "区双创中心";
    const clerk = await api.token("clerk", unit, { sub: "王芳" });
    const second = createApp({ repository: new DynamoRepository(testClient(), api.table), verifier: localVerifier(api.key), exports: api.exports, now: () => NOW });
    const body = JSON.stringify({ baseVersion: 0, rows: filledRows(unit) });
    const replies = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const response = await (i % 2 ? second : api.app).request(ledgerPath(PLAN, unit), {
          method: "PUT",
          headers: { authorization: `Bearer ${clerk}`, "content-type": "application/json", "idempotency-key": "same-key-twenty" },
          body,
        });
        return { status: response.status, body: await response.text() };
      }),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    expect(new Set(replies.map((r) => r.body)).size).toBe(1);
    expect((await versions(unit, clerk)).map((v) => v.version)).toEqual([1]);
  });

  it("executes exactly one of twenty concurrent requests that share a key but not a body; the other nineteen are 422", async () => {
    const unit = "市公安局高新分局";
    const clerk = await api.token("clerk", unit, { sub: "赵强" });
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sync(unit, clerk, { baseVersion: 0, rows: filledRows(unit, () => ({ progress: `第${i}份` })) }, "one-key-many-bodies")),
    );
    const accepted = replies.filter((r) => r.status === 200);
    expect(accepted).toHaveLength(1);
    expect(replies.filter((r) => r.status === 422)).toHaveLength(19);
    const stored = await api.repository.getLedger(PLAN, unit);
    expect(stored?.version).toBe(1);
    expect(stored?.rows[0]!.progress).toBe(accepted[0]!.body.rows[0].progress);
  });
});

describe("tokens and ids", () => {
  it("refuses a token without an expiry or without a person (history naming each person: see the Idempotency-Key tests)", async () => {
    const unsigned = (claims: Record<string, unknown>) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuer("taizhang-local").setIssuedAt();
      return jwt;
    };
    const forever = await unsigned({ role: "admin" }).setSubject("forever").sign(api.key);
    const nobody = await unsigned({ role: "admin" }).setExpirationTime("1h").sign(api.key);
    for (const token of [forever, nobody]) {
      const reply = await api.call("GET", "/plans", token);
      expect(reply.status).toBe(401);
      expect(reply.body.error.message).toContain("令牌");
    }
  });

  it("answers ids no plan or unit can have with 404 (or 400), never 500", async () => {
    const clerk = await api.token("clerk", "区党政办");
    const admin = await api.token("admin");
    const long = "p".repeat(1100);
    const paths = [
      `/plans/${long}`,
      `/plans/${long}/units/区党政办/ledger`,
      `/plans/${PLAN}/units/${"单".repeat(1100)}/ledger`,
      `/plans/${PLAN}/units/%07%08/ledger`,
      `/plans/${PLAN}/units/${encodeURIComponent("区党政办#HEAD")}/ledger`,
      `/plans/${PLAN}/units/%E0%A4%A/ledger`,
      `/plans/a%00b`,
      `/plans/${PLAN}/units/${encodeURIComponent("区党政办")}/ledger/history?version=99999999999999999999`,
    ];
    for (const path of paths) {
      const reply = await api.call("GET", path, admin);
      expect([400, 404], `${path.slice(0, 60)} → ${reply.status}`).toContain(reply.status);
      expect(reply.body.error.message).toBeTruthy();
    }
    const put = await api.call("PUT", `/plans/${long}/units/区党政办/ledger`, clerk, { baseVersion: 0, rows: [] });
    expect(put.status).toBe(404);
    const review = await api.call("POST", `${ledgerPath(PLAN, "区党政办")}/review`, admin, { rowKey: "1".repeat(5000), verdict: "通过", comment: "" });
    expect(review.status).toBe(400);
  });

  it("refuses to publish a plan a table key or a workbook cannot hold, naming the field", async () => {
    const admin = await api.token("admin");
    const hashed = { ...plan, units: [...plan.units, { name: "某#单位", aliases: [] }] };
    const unitReply = await api.call("PUT", `/plans/${PLAN}`, admin, hashed);
    expect(unitReply.status).toBe(400);
    expect(unitReply.body.error.message).toContain("单位名称不能含“#”");
    const titled = { ...plan, title: `${plan.title}\uFFFE` };
    const titleReply = await api.call("PUT", `/plans/${PLAN}`, admin, titled);
    expect(titleReply.status).toBe(400);
    expect(titleReply.body.error).toMatchObject({ path: "title" });
    expect(titleReply.body.error.message).toContain("U+FFFE");
    expect((await api.repository.getPlan(PLAN))!.version).toBe(plan.version);
  });

  it("marks every reply not to be sniffed, framed or cached, the .xlsx and errors included, and says it is healthy", async () => {
    const office = await api.token("office");
    const replies = [
      (await api.call("GET", "/plans", office)).response,
      (await api.call("GET", "/plans", undefined)).response,
      (await api.call("GET", "/nowhere", office)).response,
      await api.app.request(`/plans/${PLAN}/consolidated?format=xlsx`, { headers: { authorization: `Bearer ${office}` } }),
    ];
    for (const response of replies) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
    const health = await api.call("GET", "/health", undefined);
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true });
  });
});
