// Issue 15 part 2, review where the office looks: a verdict is on a row's content as the office read it. On the
// real API and DynamoDB Local: a review sent with a version the clerk has changed since is refused with a Chinese
// 409 and nothing is recorded; the review log keeps the row's task and content hash (not its place), so the 退回
// 待办 follows the row when the clerk inserts a row above it.
import { beforeAll, describe, expect, it } from "vitest";
import { rowDigest } from "../../core/oversight/row-digest";
import { plan, row } from "../fixtures/oversight/plan";
import { ledgerPath, testApi } from "./harness";

let clock = "2022-05-20T02:00:00.000Z";
let api: Awaited<ReturnType<typeof testApi>>;
let office: string;
let clerk: string;
const UNIT = "区建设局";
const P = `/plans/${plan.id}`;
const first = row("3", { status: "推进中", measures: "已部署", progress: "已完成初稿" });
const further = row("3", { status: "推进中", measures: "专栏更新", progress: "第二批待发布", continuation: true });

const sync = async (rows: unknown[]) => {
  const base = (await api.call("GET", ledgerPath(plan.id, UNIT), clerk)).body.version;
  const reply = await api.call("PUT", ledgerPath(plan.id, UNIT), clerk, { baseVersion: base, rows });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.version as number;
};
const review = (body: Record<string, unknown>) => api.call("POST", `${ledgerPath(plan.id, UNIT)}/review`, office, { verdict: "退回", comment: "请补充佐证材料", ...body });
const todo = async () => (await api.call("GET", `${P}/units/${encodeURIComponent(UNIT)}/reminders`, clerk)).body;

beforeAll(async () => {
  api = await testApi({ now: () => clock });
  office = await api.token("office", undefined, { sub: "wang.office", name: "王五" });
  clerk = await api.token("clerk", UNIT, { sub: "clerk-jianshe", name: "联络员" });
  expect((await api.call("PUT", P, await api.token("admin"), plan)).status).toBe(200);
}, 60_000);

describe("a review by row identity", () => {
  it("refuses a verdict on a row the clerk changed since the office's version, in Chinese, and records nothing", async () => {
    const read = await sync([row("1"), first, further, row("4", { status: "长期坚持" })]);
    clock = "2022-06-01T02:00:00.000Z";
    await sync([row("1"), first, { ...further, progress: "第二批已发布" }, row("4", { status: "长期坚持" })]);
    clock = "2022-06-02T02:00:00.000Z";
    const stale = await review({ rowKey: "3#1", version: read });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe(`「${UNIT}」在您查看后修改了这一行（台账现为第 ${read + 1} 版），请刷新后再审核。`);
    expect(await api.oversight.reviews(plan.id, UNIT)).toEqual([]);
    const ledger = (await api.call("GET", ledgerPath(plan.id, UNIT), office)).body;
    expect(ledger.rows.some((r: { review?: unknown }) => r.review)).toBe(false);
  });

  it("logs the row's task and content hash, and the 退回 待办 follows the row when a row is inserted above it", async () => {
    const now = await sync([row("1"), first, further, row("4", { status: "长期坚持" })]);
    const returned = await review({ rowKey: "3#1", version: now });
    expect(returned.status).toBe(200);
    const [event] = await api.oversight.reviews(plan.id, UNIT);
    expect(event).toMatchObject({ unit: UNIT, taskId: "3", rowKey: "3#1", verdict: "退回", by: "王五（督办汇总）", digest: rowDigest(further) });
    expect(event!.row).toMatch(/^3#/);
    expect((await todo()).returned).toMatchObject([{ rowKey: "3#1", comment: "请补充佐证材料" }]);

    // The clerk inserts a row of the same task above the returned one: that row is now the task's third.
    const inserted = row("3", { status: "推进中", measures: "新增一项", continuation: true });
    clock = "2022-06-06T02:00:00.000Z";
    await sync([row("1"), first, inserted, further, row("4", { status: "长期坚持" })]);
    const after = await todo();
    expect(after.returned).toMatchObject([{ rowKey: "3#2", comment: "请补充佐证材料", by: "王五（督办汇总）" }]);
    const rows = (await api.call("GET", ledgerPath(plan.id, UNIT), clerk)).body.rows as { measures: string; review?: { verdict: string } }[];
    expect(rows.map((r) => r.review?.verdict ?? "")).toEqual(["", "", "", "退回", ""]);
    expect(rows[3]!.measures).toBe("专栏更新");

    // Once the clerk changes the row, the 待办 is gone.
    await sync([row("1"), first, inserted, { ...further, evidence: "网页链接" }, row("4", { status: "长期坚持" })]);
    expect((await todo()).returned).toEqual([]);
  });
});
