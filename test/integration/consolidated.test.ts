// The consolidated data at scale, on DynamoDB Local: JSON in pages bounded by bytes (every unit exactly once, a
// unit too large for a page split by rows, a tampered cursor refused), the status read page by page, and the
// merged .xlsx stored and handed out as a short-lived link that only the office can ask for.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_MAX_BYTES } from "../../api/reports/consolidated-page";
import { ConsolidatedPage, ExportLink, StatusReply } from "../../core/api/contract";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { allUnitsPlan } from "../fixtures/all-units-plan";
import { testApi } from "./harness";

const T0 = Date.parse("2026-03-02T01:00:00.000Z");
let clock = T0;
let api: Awaited<ReturnType<typeof testApi>>;
let office: string;

/** Keys of two units interleave in the table when one's name is the other's plus "#…" (a name the plan allows). */
const NESTED = ["测试局", "测试局#I"];
const UNITS = [...Array.from({ length: 150 }, (_, i) => `第${String(i).padStart(3, "0")}单位`), ...NESTED, "空台账单位", "未报送单位甲", "未报送单位乙"];
const SILENT = ["未报送单位甲", "未报送单位乙"];
const TASKS = 60;

const planOf = (id: string, units: string[], tasks: number) => allUnitsPlan(id, units, tasks, 2026);
const big = planOf("scale-many", UNITS, TASKS);

function rowsFor(plan: Plan, unit: string, text: string): LedgerRow[] {
  return ledgerFor(plan, unit).map((row, i) => ({ ...row, office: "综合科", leader: "张三", measures: `${unit}措施${i}：${text}`, progress: "已按计划推进。", status: "推进中" as const }));
}

async function seed(plan: Plan, ledgers: Array<[string, LedgerRow[]]>): Promise<void> {
  await api.repository.publishPlan(plan, "test", new Date(T0).toISOString());
  const queue = [...ledgers];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const outcome = await api.repository.syncLedger({ planId: plan.id, unit: next[0], baseVersion: 0, planVersion: 1, rows: next[1], findings: [], by: "test", at: new Date(T0).toISOString() });
        expect(outcome.kind).toBe("accepted");
      }
    }),
  );
}

/** Every page of a plan, following the cursors, with each page's size on the wire. */
async function allPages(planId: string): Promise<Array<{ page: ConsolidatedPage; bytes: number }>> {
  const pages: Array<{ page: ConsolidatedPage; bytes: number }> = [];
  let cursor: string | undefined;
  do {
    const response = await api.app.request(`/plans/${planId}/consolidated${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, {
      headers: { authorization: `Bearer ${office}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const page = ConsolidatedPage.parse(JSON.parse(text));
    pages.push({ page, bytes: Buffer.byteLength(text) });
    cursor = page.next;
  } while (cursor && pages.length < 100);
  return pages;
}

/** A page's envelope (plan id, version, cursor) beyond the units' rows. */
const ENVELOPE = 4096;

beforeAll(async () => {
  api = await testApi({ now: () => new Date(clock).toISOString() });
  office = await api.token("office");
  const reporting = UNITS.filter((u) => !SILENT.includes(u));
  await seed(big, reporting.map((unit) => [unit, unit === "空台账单位" ? [] : rowsFor(big, unit, "按季度梳理更新，专人负责，".repeat(8))]));
  // The office's verdicts, on a unit whose keys another unit's sort among.
  const nestedRows = rowsFor(big, NESTED[0]!, "按季度梳理更新，专人负责，".repeat(8));
  for (const row of nestedRows.slice(0, 3))
    await api.repository.saveReview(big.id, NESTED[0]!, row, { verdict: "退回", comment: `请补充第${row.no}项佐证`, by: "office", at: new Date(T0).toISOString() });
}, 120_000);

describe("the consolidated JSON, page by page", () => {
  it("hands every unit that reported over exactly once, in pages each under the byte bound", async () => {
    const pages = await allPages(big.id);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const { bytes } of pages) expect(bytes).toBeLessThanOrEqual(PAGE_MAX_BYTES + ENVELOPE);
    expect(pages.at(-1)!.page.next).toBeUndefined();

    const units = pages.flatMap(({ page }) => page.ledgers.map((l) => l.unit));
    expect([...units].sort()).toEqual(UNITS.filter((u) => !SILENT.includes(u)).sort());
    expect(pages.flatMap(({ page }) => page.ledgers).filter((l) => l.continues)).toEqual([]);
    const ledgers = new Map(pages.flatMap(({ page }) => page.ledgers.map((l) => [l.unit, l])));
    expect(ledgers.get("第042单位")!.rows).toHaveLength(TASKS);
    expect(ledgers.get("空台账单位")!.rows).toEqual([]);
    expect(ledgers.get(NESTED[1]!)!.rows).toHaveLength(TASKS);
    const withReview = ledgers.get(NESTED[0]!)!.rows.filter((r) => r.review);
    expect(withReview.map((r) => r.review!.comment)).toEqual(["请补充第1项佐证", "请补充第2项佐证", "请补充第3项佐证"]);
  });

  it("bounds a page by bytes when units keep 1,000 long rows, and splits a unit larger than a page by rows", async () => {
    const plan = planOf("scale-long", ["长台账甲", "长台账乙", "长台账丙", "超长台账", "短台账"], 1000);
    const long = "对照年度要点逐项落实，形成台账并按月更新进展情况。".repeat(10);
    const longRows = (unit: string) => rowsFor(plan, unit, long);
    await seed(plan, [["长台账甲", longRows("长台账甲")], ["长台账乙", longRows("长台账乙")], ["长台账丙", longRows("长台账丙")], ["短台账", rowsFor(plan, "短台账", "")]]);
    // Larger than any page: longer rows than a sync may send (stored here directly), and the office's long verdicts.
    const huge = rowsFor(plan, "超长台账", "逐项".repeat(200));
    expect((await api.repository.syncLedger({ planId: plan.id, unit: "超长台账", baseVersion: 0, planVersion: 1, rows: huge, findings: [], by: "test", at: new Date(T0).toISOString() })).kind).toBe("accepted");
    for (const row of huge.slice(0, 300)) await api.repository.saveReview(plan.id, "超长台账", row, { verdict: "通过", comment: "已核实。".repeat(400), by: "office", at: new Date(T0).toISOString() });

    const pages = await allPages(plan.id);
    for (const { bytes } of pages) expect(bytes).toBeLessThanOrEqual(PAGE_MAX_BYTES + ENVELOPE);
    const parts = pages.flatMap(({ page }) => page.ledgers);
    // Whole units, except the one too large for a page, which runs on over consecutive pages.
    const hugeParts = parts.filter((l) => l.unit === "超长台账");
    expect(hugeParts.length).toBeGreaterThan(1);
    expect(hugeParts.slice(0, -1).every((l) => l.continues)).toBe(true);
    expect(hugeParts.at(-1)!.continues).toBeUndefined();
    const hugeRows = hugeParts.flatMap((l) => l.rows);
    expect(hugeRows.map((r) => r.taskId)).toEqual(huge.map((r) => r.taskId));
    expect(hugeRows.filter((r) => r.review)).toHaveLength(300);
    for (const unit of ["长台账甲", "长台账乙", "长台账丙", "短台账"]) {
      const whole = parts.filter((l) => l.unit === unit);
      expect(whole).toHaveLength(1);
      expect(whole[0]!.rows).toHaveLength(1000);
    }
  });

  it("refuses a cursor that was changed, made up or taken from another plan, in Chinese, naming the cursor", async () => {
    const [first] = await allPages(big.id);
    const cursor = first!.page.next!;
    const other = planOf("scale-other", ["甲单位"], 2);
    await seed(other, [["甲单位", rowsFor(other, "甲单位", "")]]);
    const flipped = cursor.slice(0, 10) + (cursor[10] === "A" ? "B" : "A") + cursor.slice(11);
    for (const [planId, bad] of [[big.id, flipped], [big.id, "not-a-cursor"], [big.id, `${cursor}.x`], [other.id, cursor]] as const) {
      const reply = await api.call("GET", `/plans/${planId}/consolidated?cursor=${encodeURIComponent(bad)}`, office);
      expect(reply.status, bad).toBe(400);
      expect(reply.body.error.path).toBe("cursor");
      expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("is the office's and the admin's, not a clerk's", async () => {
    expect((await api.call("GET", `/plans/${big.id}/consolidated`, await api.token("clerk", "第001单位"))).status).toBe(403);
    expect((await api.call("GET", `/plans/${big.id}/consolidated`, await api.token("admin"))).status).toBe(200);
  });
});

describe("the status, read page by page", () => {
  it("has every unit of the plan, those that reported with their counts", async () => {
    const status = StatusReply.parse((await api.call("GET", `/plans/${big.id}/status`, office)).body);
    expect(status.units.map((u) => u.unit)).toEqual(UNITS);
    for (const unit of status.units) expect(unit.reported, unit.unit).toBe(!SILENT.includes(unit.unit));
    expect(status.units.find((u) => u.unit === "第099单位")!.counts.推进中).toBe(TASKS);
  });
});

describe("the merged .xlsx, by link", () => {
  const exportOf = async (token: string, planId = big.id) => api.call("GET", `/plans/${planId}/consolidated?format=xlsx`, token);

  it("is stored whole and linked for five minutes; the file opens with every unit that reported", async () => {
    clock = T0;
    const asked = await exportOf(office);
    expect(asked.status).toBe(200);
    const link = ExportLink.parse(asked.body);
    expect(Date.parse(link.expiresAt) - T0).toBe(300_000);
    expect(link.fileName).toBe(`${big.title}汇总台账.xlsx`);

    const download = await api.app.request(link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain(encodeURIComponent(link.fileName));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await download.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["汇总台账", "任务进度", "单位统计", "未报送单位"]);
    const reported = UNITS.filter((u) => !SILENT.includes(u));
    const merged = book.getWorksheet("汇总台账")!;
    expect(merged.rowCount).toBe(1 + (reported.length - 1) * TASKS);
    const unitsInSheet = new Set<string>();
    merged.eachRow((row, n) => n > 1 && unitsInSheet.add(String(row.getCell(1).value)));
    expect([...unitsInSheet].sort()).toEqual(reported.filter((u) => u !== "空台账单位").sort());
    const counts = book.getWorksheet("单位统计")!.getColumn(1).values.slice(2);
    expect(counts).toEqual(reported);
    expect(book.getWorksheet("未报送单位")!.getColumn(1).values.slice(2)).toEqual(SILENT);
    const review = merged.getColumn(merged.columnCount).values.filter((v) => String(v).startsWith("退回："));
    expect(review).toHaveLength(3);
  });

  it("is refused to a clerk, and its link stops working after five minutes or when changed", async () => {
    const clerk = await exportOf(await api.token("clerk", "第001单位"));
    expect(clerk.status).toBe(403);
    expect(clerk.body.error.message).toMatch(/[\u4e00-\u9fff]/);

    clock = T0;
    const link = ExportLink.parse((await exportOf(office)).body);
    const url = new URL(link.url);
    const changed = new URL(link.url);
    changed.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 3600));
    const forged = await api.app.request(changed.toString());
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.message).toContain("无效");

    clock = T0 + 299_000;
    expect((await api.app.request(link.url)).status).toBe(200);
    clock = T0 + 301_000;
    const late = await api.app.request(link.url);
    expect(late.status).toBe(403);
    expect((await late.json()).error.message).toContain("过期");
    clock = T0;
  });
});
