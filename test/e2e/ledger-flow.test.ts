// Issue 5 end to end: the built task pane in headless Chromium, Office.js replaced by the workbook double, on the
// real API and DynamoDB Local. Two clerks of 区党政办, one of 区综治局 and the central office, each in a workbook of
// their own, drive the pane like people: sign in, 新建台账, type into cells, 检查, 同步, resolve a 409, 汇总.
// Every step leaves a screenshot under test/artifacts/ (01-sign-in.png … 18-office-not-reported.png) and checks
// the context.sync() count of each workbook operation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { Plan } from "../../core/plan/schema";
import { launchBrowser, type Browser } from "./browser";
import { cellAt as cellOf, e2e, openPane as openPaneIn, printObservedSyncs, runCount, sheetValues, shot, signIn, syncsSince, typeCell } from "./pane";

const PLAN_ID = "zhuhai-gxq-2022";
const plan = Plan.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "seeds", "plans", `${PLAN_ID}.json`), "utf8")));
const HQ: string = "区党政办";
const OTHER: string = "区综治局";
const hqRows = ledgerFor(plan, HQ);
const otherRows = ledgerFor(plan, OTHER);
/** The 台账 sheet Taizhang writes: title on row 1, header on row 2, the first task on row 3. */
const FIRST_ROW = 3;
const col = (field: string) => String.fromCharCode(65 + LEDGER_COLUMNS.findIndex((c) => c.field === field));
const at = (field: string, sheetRow: number) => `${col(field)}${sheetRow}`;

let browser: Browser;
const openPane = () => openPaneIn(browser);

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  printObservedSyncs();
});

/** 责任科室 and 分管领导 for every row, pasted as a clerk pastes them from last year's list; prefilled offices kept. */
async function pasteOfficesAndLeaders(page: Page, rows: number, leader: string): Promise<void> {
  const values = (await sheetValues(page, "台账"))!;
  const officeCol = LEDGER_COLUMNS.findIndex((c) => c.field === "office");
  const block = Array.from({ length: rows }, (_, i) => [String(values[FIRST_ROW - 1 + i]![officeCol] || "综合科"), leader]);
  await page.evaluate(([address, cells]) => window.__workbookDouble.paste(address, cells), [at("office", FIRST_ROW), block] as const);
}

/** Picks the plan (once the pane has listed them) and clicks 新建台账; returns the run count before the click. */
async function createLedger(page: Page): Promise<number> {
  await page.getByRole("combobox", { name: "方案" }).selectOption(PLAN_ID);
  const from = await runCount(page);
  await page.getByRole("button", { name: "新建台账" }).click();
  return from;
}

/** Every sync body the pane sends, as the server receives it. */
function ledgerPuts(page: Page): Array<{ baseVersion: number; rows: Array<Record<string, unknown>> }> {
  const puts: Array<{ baseVersion: number; rows: Array<Record<string, unknown>> }> = [];
  page.on("request", (request: Request) => {
    if (request.method() === "PUT" && request.url().endsWith("/ledger")) puts.push(request.postDataJSON());
  });
  return puts;
}

const synced = (page: Page, version: number, rows: number) =>
  page.getByText(`服务器已保存第 ${version} 版，共 ${rows} 行。`).waitFor();

// --------------------------------------------------------------------------------------------- scenario

describe("ledger flow: two clerks of 区党政办, 区综治局 and the office", () => {
  let clerk: Page;
  let clerkPuts: ReturnType<typeof ledgerPuts>;
  let second: Page;
  let secondPuts: ReturnType<typeof ledgerPuts>;

  test("a clerk signs in and creates the 台账 for the plan", async () => {
    clerk = await openPane();
    clerkPuts = ledgerPuts(clerk);
    await signIn(clerk, e2e.people.clerk, "01-sign-in");
    await clerk.getByText("本工作簿还没有台账").waitFor();
    await clerk.getByRole("combobox", { name: "方案" }).selectOption(PLAN_ID);
    await shot(clerk, "02-pick-plan");

    const from = await createLedger(clerk);
    await clerk.getByText(`${plan.title} · ${HQ} · 已同步第 0 版`).waitFor();
    expect(await syncsSince(clerk, from, "新建台账")).toEqual([2]);

    const values = (await sheetValues(clerk, "台账"))!;
    expect(values[0]![0]).toBe(`${HQ}政务公开工作任务台账`);
    expect(values[1]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(values.slice(2).map((line) => line[0])).toEqual(hqRows.map((r) => r.no));
    expect(values.slice(2).map((line) => line[1])).toEqual(hqRows.map((r) => r.task));
    expect(new Set(values.slice(2).map((line) => line[LEDGER_COLUMNS.findIndex((c) => c.field === "status")]))).toEqual(new Set(["未开始"]));
    await shot(clerk, "03-created");
  });

  test("fills two rows, 检查 lists the finding by row and marks its cell; clicking it selects the cell", async () => {
    await pasteOfficesAndLeaders(clerk, hqRows.length, "陈明");
    // Row 3: under way. Row 4: marked done, but the date it was done is forgotten.
    await typeCell(clerk, at("measures", 3), "建立规范性文件库，按月更新");
    await typeCell(clerk, at("progress", 3), "已收集规范性文件 36 件");
    await typeCell(clerk, at("status", 3), "推进中");
    await typeCell(clerk, at("measures", 4), "梳理主动公开目录");
    await typeCell(clerk, at("progress", 4), "目录已更新并公开");
    await typeCell(clerk, at("status", 4), "已完成");
    expect(await cellOf(clerk, at("status", 4))).toMatchObject({ value: "已完成" });
    expect(await cellOf(clerk, at("leader", FIRST_ROW + hqRows.length - 1))).toMatchObject({ value: "陈明" });
    await shot(clerk, "04-filled");

    let from = await runCount(clerk);
    await clerk.getByRole("button", { name: "检查", exact: true }).click();
    const results = clerk.locator('div[aria-label="检查结果"]');
    await results.waitFor();
    expect(await syncsSince(clerk, from, "检查")).toEqual([2, 3]);
    await clerk.getByText(/(?<!\d)1 处错误，1 处提醒。/).waitFor();
    const row4 = results.locator("div").filter({ has: clerk.getByText("第 4 行（序号 2）", { exact: true }) });
    const missingDate = row4.getByRole("button", { name: /第4行状态为已完成，请填写「完成日期」/ });
    await missingDate.waitFor();
    await row4.getByRole("button", { name: /第4行状态为已完成，请在「佐证材料」中注明材料/ }).waitFor();
    expect(await cellOf(clerk, at("doneOn", 4))).toMatchObject({ fill: "#FFC7CE", note: expect.stringContaining("第4行状态为已完成，请填写「完成日期」") });
    expect(await cellOf(clerk, at("evidence", 4))).toMatchObject({ fill: "#FFEB9C" });
    expect((await cellOf(clerk, at("measures", 3)))?.fill).toBeUndefined();
    await shot(clerk, "05-findings");

    from = await runCount(clerk);
    await missingDate.click();
    await expect.poll(() => clerk.evaluate(() => window.__workbookDouble.selection()), { timeout: 10_000 }).toBe(`'台账'!${at("doneOn", 4)}`);
    await clerk.locator(`#workbook-double td.wd-selected[data-cell="${at("doneOn", 4)}"]`).waitFor();
    expect(await syncsSince(clerk, from, "点击检查结果")).toEqual([1]);
    await shot(clerk, "06-finding-selected");
  });

  test("fixes the row, 检查 again no longer finds it, and 同步 sends the rows with their base version", async () => {
    await typeCell(clerk, at("doneOn", 4), "2022-06-30");
    await typeCell(clerk, at("evidence", 4), "高新区政府网站主动公开目录栏目");
    expect(await cellOf(clerk, at("doneOn", 4))).toMatchObject({ text: "2022-06-30" });
    expect(typeof (await cellOf(clerk, at("doneOn", 4)))?.value).toBe("number");

    let from = await runCount(clerk);
    await clerk.getByRole("button", { name: "检查", exact: true }).click();
    await clerk.getByText(`${hqRows.length} 行均无问题，单元格上的检查标记已清除。`).waitFor();
    expect(await syncsSince(clerk, from, "检查（改正后）")).toEqual([2, 3]);
    await clerk.getByText("第 4 行（序号 2）", { exact: true }).waitFor({ state: "detached" });
    expect(await clerk.getByText(/第4行/).count()).toBe(0);
    expect(await cellOf(clerk, at("doneOn", 4))).toMatchObject({ fill: undefined, note: undefined });
    expect(await cellOf(clerk, at("evidence", 4))).toMatchObject({ fill: undefined, note: undefined });
    await shot(clerk, "07-fixed-checked");

    // Hold the PUT until the progress has been seen: the local API answers faster than a person can look.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const route = `${e2e.apiUrl}/plans/${PLAN_ID}/units/**`;
    await clerk.route(route, async (r) => {
      if (r.request().method() === "PUT") await held;
      await r.continue();
    });
    from = await runCount(clerk);
    await clerk.getByRole("button", { name: "同步", exact: true }).click();
    await clerk.getByRole("progressbar", { name: "正在同步…" }).waitFor();
    expect(await clerk.getByRole("button", { name: "同步", exact: true }).isDisabled()).toBe(true);
    await shot(clerk, "08-syncing");
    release();
    await synced(clerk, 1, hqRows.length);
    await clerk.unroute(route);
    await clerk.getByText(`${plan.title} · ${HQ} · 已同步第 1 版`).waitFor();
    expect(await syncsSince(clerk, from, "同步")).toEqual([2, 3]);
    expect(clerkPuts).toHaveLength(1);
    expect(clerkPuts[0]!.baseVersion).toBe(0);
    expect(clerkPuts[0]!.rows).toHaveLength(hqRows.length);
    expect(clerkPuts[0]!.rows[1]).toMatchObject({ no: "2", status: "已完成", doneOn: "2022-06-30", leader: "陈明" });
    await shot(clerk, "09-synced");
  });

  test("a second clerk of 区党政办 syncs a stale copy, sees the rows that differ, and keeps mine or theirs per row", async () => {
    second = await openPane();
    secondPuts = ledgerPuts(second);
    await signIn(second, e2e.people.sameUnitClerk);
    let from = await createLedger(second);
    await second.getByText(`${plan.title} · ${HQ} · 已同步第 1 版`).waitFor();
    // A sheet started from the server's rows: written, then stamped with their version.
    expect(await syncsSince(second, from, "新建台账（服务器已有第1版）")).toEqual([2, 3]);
    expect(await cellOf(second, at("measures", 3))).toMatchObject({ value: "建立规范性文件库，按月更新" });
    expect(await cellOf(second, at("doneOn", 4))).toMatchObject({ text: "2022-06-30" });
    await shot(second, "10-second-clerk-copy");

    // Meanwhile the first clerk moves on: version 2.
    await typeCell(clerk, at("progress", 3), "已收集规范性文件 52 件，已上线");
    await typeCell(clerk, at("measures", 5), "专区建设方案已报批");
    await clerk.getByRole("button", { name: "同步", exact: true }).click();
    await synced(clerk, 2, hqRows.length);
    expect(clerkPuts.at(-1)!.baseVersion).toBe(1);

    // The second clerk, still on version 1, edits the same row and another one.
    await typeCell(second, at("progress", 3), "规范性文件库已试运行");
    await typeCell(second, at("progress", 6), "依申请公开系统已全流程电子化");
    from = await runCount(second);
    await second.getByRole("button", { name: "同步", exact: true }).click();
    const conflict = second.getByLabel("同步冲突");
    await conflict.waitFor();
    expect(await syncsSince(second, from, "同步（409）")).toEqual([2]);
    expect(secondPuts.map((p) => p.baseVersion)).toEqual([1]);
    await conflict.getByText("服务器上的台账已被他人更新，3 行与您的不同。已按改动的一方预选，其中 1 行双方都改动过，请逐行确认：").waitFor();
    const rowOf = (no: string) => conflict.locator("[data-conflict]").filter({ hasText: `序号 ${no}：` });
    // Row 1: both changed 进展情况. Row 3: only the server has the new 工作措施. Row 5: only mine has progress.
    await rowOf("1").getByText("我的：规范性文件库已试运行").waitFor();
    await rowOf("1").getByText("服务器：已收集规范性文件 52 件，已上线").waitFor();
    await rowOf("3").getByText("服务器：专区建设方案已报批").waitFor();
    await rowOf("3").getByText("我的：（空）").waitFor();
    await rowOf("5").getByText("我的：依申请公开系统已全流程电子化").waitFor();
    expect(await conflict.locator("[data-conflict]").count()).toBe(3);
    // Each row starts on the side that changed it since version 1, so the first clerk's new 工作措施 (row 3) is
    // not reverted by a clerk who just presses merge.
    await rowOf("1").getByText("双方都改动过，请确认").waitFor();
    await rowOf("3").getByText("只有服务器上有新改动").waitFor();
    await rowOf("5").getByText("只有您改动过").waitFor();
    expect(await rowOf("1").getByRole("radio", { name: "保留我的" }).isChecked()).toBe(true);
    expect(await rowOf("3").getByRole("radio", { name: "采用服务器的" }).isChecked()).toBe(true);
    expect(await rowOf("5").getByRole("radio", { name: "保留我的" }).isChecked()).toBe(true);
    await shot(second, "11-conflict");

    // All of theirs first, then mine back for rows 1 and 5: row 3 is the only one taken from the server.
    await conflict.getByRole("button", { name: "全部采用服务器的" }).click();
    for (const no of ["1", "3", "5"]) expect(await rowOf(no).getByRole("radio", { name: "采用服务器的" }).isChecked()).toBe(true);
    await rowOf("1").getByRole("radio", { name: "保留我的" }).check();
    await rowOf("5").getByRole("radio", { name: "保留我的" }).check();
    await shot(second, "12-conflict-chosen");

    from = await runCount(second);
    await conflict.getByRole("button", { name: "按所选合并并同步" }).click();
    await synced(second, 3, hqRows.length);
    await second.getByText(`${plan.title} · ${HQ} · 已同步第 3 版`).waitFor();
    expect(await syncsSince(second, from, "合并并同步")).toEqual([3]);
    expect(secondPuts.map((p) => p.baseVersion)).toEqual([1, 2]);
    expect(await cellOf(second, at("progress", 3))).toMatchObject({ value: "规范性文件库已试运行" });
    expect(await cellOf(second, at("measures", 5))).toMatchObject({ value: "专区建设方案已报批" });
    expect(await cellOf(second, at("progress", 6))).toMatchObject({ value: "依申请公开系统已全流程电子化" });
    expect(await second.getByLabel("同步冲突").count()).toBe(0);
    await shot(second, "13-conflict-resolved");
  });

  test("区综治局's clerk syncs its own 台账", async () => {
    const other = await openPane();
    await signIn(other, e2e.people.otherUnitClerk);
    await createLedger(other);
    await other.getByText(`${plan.title} · ${OTHER} · 已同步第 0 版`).waitFor();
    await pasteOfficesAndLeaders(other, otherRows.length, "黄立");
    await typeCell(other, at("measures", 3), "对接市行政规范性文件库");
    await typeCell(other, at("status", 3), "推进中");
    await other.getByRole("button", { name: "同步", exact: true }).click();
    await synced(other, 1, otherRows.length);
    await shot(other, "14-other-unit-synced");
  });

  test("the office pulls the merged sheets and sees both units", async () => {
    const office = await openPane();
    await signIn(office, e2e.people.office);
    await office.getByRole("combobox", { name: "方案" }).selectOption(PLAN_ID);
    // Hold the page of rows until the progress has been seen: the local API answers faster than a person can look.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const pages = `${e2e.apiUrl}/plans/${PLAN_ID}/consolidated*`;
    await office.route(pages, async (r) => {
      await held;
      await r.continue();
    });
    const from = await runCount(office);
    await office.getByRole("button", { name: "汇总", exact: true }).click();
    // The sheets are ready and the status says two units have reported; their rows are on their way.
    await office.getByRole("progressbar", { name: "已读取 0/2 个单位" }).waitFor();
    expect(await office.getByRole("button", { name: "汇总", exact: true }).isDisabled()).toBe(true);
    await shot(office, "scale-01-office-pulling");
    release();
    await office.getByText(`2 个单位、${hqRows.length + otherRows.length} 行已写入“汇总台账”等工作表。`).waitFor();
    await office.unroute(pages);
    // Start (find the sheets, find the old chart, write the header), one request for the one page, then the totals.
    expect(await syncsSince(office, from, "汇总")).toEqual([3, 1, 1]);
    const missing = plan.units.map((u) => u.name).filter((u) => u !== HQ && u !== OTHER);
    await office.getByText(`未报送单位（${missing.length}）`).waitFor();
    for (const unit of missing) await office.getByText(unit, { exact: true }).first().waitFor();

    const merged = (await sheetValues(office, "汇总台账"))!;
    expect(merged[0]).toEqual(["单位", ...LEDGER_COLUMNS.map((c) => c.header), "审核"]);
    expect(merged.slice(1).filter((line) => line[0] === HQ)).toHaveLength(hqRows.length);
    expect(merged.slice(1).filter((line) => line[0] === OTHER)).toHaveLength(otherRows.length);
    const progressCol = 1 + LEDGER_COLUMNS.findIndex((c) => c.field === "progress");
    const measuresCol = 1 + LEDGER_COLUMNS.findIndex((c) => c.field === "measures");
    const hqFirst = merged.find((line) => line[0] === HQ && line[1] === "1")!;
    expect(hqFirst[progressCol]).toBe("规范性文件库已试运行");
    expect(merged.find((line) => line[0] === OTHER && line[1] === "1")![measuresCol]).toBe("对接市行政规范性文件库");
    await shot(office, "15-office-consolidated");

    const progress = (await sheetValues(office, "任务进度"))!;
    // Units in the plan's own order (区综治局 is listed before 区党政办).
    const units = plan.units.map((u) => u.name).filter((u) => u === HQ || u === OTHER);
    const statusOf = (no: string, unit: string) => progress.find((line) => line[0] === no)![2 + units.indexOf(unit)];
    expect(progress[0]).toEqual(["序号", "工作任务", ...units]);
    expect(progress.slice(1).map((line) => line[0])).toEqual(plan.tasks.map((t) => t.no));
    expect([statusOf("1", HQ), statusOf("1", OTHER)]).toEqual(["推进中", "推进中"]);
    expect([statusOf("2", HQ), statusOf("2", OTHER)]).toEqual(["已完成", "未开始"]);
    await office.locator('#workbook-double .wd-tab[data-sheet="任务进度"]').click();
    await office.locator("#workbook-double td", { hasText: "工作任务" }).first().waitFor();
    await shot(office, "16-office-progress");

    const counts = (await sheetValues(office, "单位统计"))!;
    expect(counts[0]).toEqual(["单位", "未开始", "推进中", "已完成", "长期坚持", "不适用", "合计"]);
    expect(counts.find((line) => line[0] === HQ)).toEqual([HQ, hqRows.length - 2, 1, 1, 0, 0, hqRows.length]);
    expect(counts.find((line) => line[0] === OTHER)).toEqual([OTHER, otherRows.length - 1, 1, 0, 0, 0, otherRows.length]);
    const charts = await office.evaluate(() => window.__workbookDouble.model.sheet("单位统计")!.charts.map((c) => ({ title: c.title, type: c.type })));
    expect(charts).toEqual([{ title: "各单位任务完成情况", type: "ColumnStacked" }]);
    await office.locator('#workbook-double .wd-tab[data-sheet="单位统计"]').click();
    await office.getByText("图表：各单位任务完成情况（ColumnStacked）").waitFor();
    await shot(office, "17-office-unit-stats");

    expect(await sheetValues(office, "未报送单位")).toEqual([["单位"], ...missing.map((u) => [u])]);
    await office.locator('#workbook-double .wd-tab[data-sheet="未报送单位"]').click();
    await office.locator("#workbook-double td", { hasText: missing[0]! }).first().waitFor();
    await shot(office, "18-office-not-reported");
  });
});
