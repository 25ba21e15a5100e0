// Issue 5 end to end: the built task pane in headless Chromium, Office.js replaced by the workbook double, on the
// real API and DynamoDB Local. Two clerks of 区党政办, one of 区综治局 and the central office, each in a workbook of
// their own, drive the pane like people: sign in, 新建台账, type into cells, 检查, 报送, resolve a 409, 汇总.
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
import { cellAt as cellOf, e2e, holdLedgerPuts, openPane as openPaneIn, printObservedSyncs, runCount, sheetValues, shot, signIn, syncsSince, typeCell } from "./pane";

const PLAN_ID = "zhuhai-gxq-2022";
const plan = Plan.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "seeds", "plans", `${PLAN_ID}.json`), "utf8")));
const HQ: string = "区党政办";
const OTHER: string = "区综治局";
const hqRows = ledgerFor(plan, HQ);
const otherRows = ledgerFor(plan, OTHER);
/** The 台账 sheet Taizhang writes: title on row 1, 填报单位 on row 2, header on row 3, the first task on row 4. */
const FIRST_ROW = 4;
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

/** Clicks 报送 and waits until the server has answered and the pane says the rows were 报送. */
async function report(page: Page, rows: number): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() === "PUT" && r.url().endsWith("/ledger"));
  await page.getByRole("button", { name: "报送", exact: true }).click();
  await answered;
  await page.getByText(new RegExp(`报送 ${rows} 行，办公室已可看到。`)).waitFor();
}

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
    await clerk.getByText("报送情况：尚未报送").waitFor();
    expect(await syncsSince(clerk, from, "新建台账")).toEqual([2]);

    const values = (await sheetValues(clerk, "台账"))!;
    expect(values[0]![0]).toBe(`${HQ}政务公开工作任务台账`);
    expect(values[1]![0]).toBe(`填报单位（盖章）：${HQ}`);
    expect(values[2]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(values.slice(3).map((line) => line[0])).toEqual(hqRows.map((r) => r.no));
    expect(values.slice(3).map((line) => line[1])).toEqual(hqRows.map((r) => r.task));
    expect(new Set(values.slice(3).map((line) => line[LEDGER_COLUMNS.findIndex((c) => c.field === "status")]))).toEqual(new Set(["未开始"]));
    await shot(clerk, "03-created");
  });

  test("fills two rows, 检查 lists the finding by row and marks its cell; clicking it selects the cell", async () => {
    await pasteOfficesAndLeaders(clerk, hqRows.length, "陈明");
    // Row 3: under way. Row 4: marked done, but the date it was done is forgotten.
    await typeCell(clerk, at("measures", 4), "建立规范性文件库，按月更新");
    await typeCell(clerk, at("progress", 4), "已收集规范性文件 36 件");
    await typeCell(clerk, at("status", 4), "推进中");
    await typeCell(clerk, at("measures", 5), "梳理主动公开目录");
    await typeCell(clerk, at("progress", 5), "目录已更新并公开");
    await typeCell(clerk, at("status", 5), "已完成");
    expect(await cellOf(clerk, at("status", 5))).toMatchObject({ value: "已完成" });
    expect(await cellOf(clerk, at("leader", FIRST_ROW + hqRows.length - 1))).toMatchObject({ value: "陈明" });
    await shot(clerk, "04-filled");

    let from = await runCount(clerk);
    await clerk.getByRole("button", { name: "检查", exact: true }).click();
    const results = clerk.getByRole("list", { name: "检查结果" });
    await results.waitFor();
    expect(await syncsSince(clerk, from, "检查")).toEqual([2, 3]);
    await clerk.getByText(/(?<!\d)1 处错误，1 处提醒。/).waitFor();
    const row5 = results.getByRole("listitem", { name: "第 5 行（序号 2）" });
    const missingDate = row5.getByRole("button", { name: /错误 · 完成日期 第5行状态为已完成，请填写「完成日期」/ });
    await missingDate.waitFor();
    await row5.getByRole("button", { name: /提醒 · 佐证材料 第5行状态为已完成，请在「佐证材料」中注明材料/ }).waitFor();
    expect(await cellOf(clerk, at("doneOn", 5))).toMatchObject({ fill: "#FFC7CE", note: expect.stringContaining("第5行状态为已完成，请填写「完成日期」") });
    expect(await cellOf(clerk, at("evidence", 5))).toMatchObject({ fill: "#FFEB9C" });
    expect((await cellOf(clerk, at("measures", 4)))?.fill).toBeUndefined();
    await shot(clerk, "05-findings");

    from = await runCount(clerk);
    await missingDate.click();
    await expect.poll(() => clerk.evaluate(() => window.__workbookDouble.selection()), { timeout: 10_000 }).toBe(`'台账'!${at("doneOn", 5)}`);
    await clerk.locator(`#workbook-double td.wd-selected[data-cell="${at("doneOn", 5)}"]`).waitFor();
    expect(await syncsSince(clerk, from, "点击检查结果")).toEqual([1]);
    await shot(clerk, "06-finding-selected");
  });

  test("fixes the row, 检查 again no longer finds it, and 报送 sends the rows with their base version", async () => {
    await typeCell(clerk, at("doneOn", 5), "2022-06-30");
    await typeCell(clerk, at("evidence", 5), "高新区政府网站主动公开目录栏目");
    expect(await cellOf(clerk, at("doneOn", 5))).toMatchObject({ text: "2022-06-30" });
    expect(typeof (await cellOf(clerk, at("doneOn", 5)))?.value).toBe("number");

    let from = await runCount(clerk);
    await clerk.getByRole("button", { name: "检查", exact: true }).click();
    await clerk.getByText(`${hqRows.length} 行均无问题，单元格上的检查标记已清除。`).waitFor();
    expect(await syncsSince(clerk, from, "检查（改正后）")).toEqual([2, 3]);
    await clerk.getByText("第 5 行（序号 2）", { exact: true }).waitFor({ state: "detached" });
    expect(await clerk.getByText(/第5行/).count()).toBe(0);
    expect(await cellOf(clerk, at("doneOn", 5))).toMatchObject({ fill: undefined, note: undefined });
    expect(await cellOf(clerk, at("evidence", 5))).toMatchObject({ fill: undefined, note: undefined });
    await shot(clerk, "07-fixed-checked");

    // Hold the PUT until the progress has been seen: the local API answers faster than a person can look.
    const release = await holdLedgerPuts(clerk, PLAN_ID);
    from = await runCount(clerk);
    await clerk.getByRole("button", { name: "报送", exact: true }).click();
    await clerk.getByRole("progressbar", { name: `正在报送 ${hqRows.length} 行…（第 2 步，共 3 步）` }).waitFor();
    expect(await clerk.getByRole("button", { name: "报送", exact: true }).isDisabled()).toBe(true);
    await shot(clerk, "08-syncing");
    await release();
    await clerk.getByText(`报送 ${hqRows.length} 行，办公室已可看到。`).waitFor();
    await clerk.getByText(/报送情况：最近一次：张三 于 \d+月\d+日 \d\d:\d\d 报送/).waitFor();
    // Read the sheet, mark what the check found (nothing now), write the accepted rows back.
    expect(await syncsSince(clerk, from, "报送")).toEqual([2, 3, 3]);
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
    await second.getByText(/报送情况：最近一次：张三 于/).waitFor();
    // A sheet started from the rows already 报送: written, then stamped with their version.
    expect(await syncsSince(second, from, "新建台账（已有报送）")).toEqual([2, 3]);
    expect(await cellOf(second, at("measures", 4))).toMatchObject({ value: "建立规范性文件库，按月更新" });
    expect(await cellOf(second, at("doneOn", 5))).toMatchObject({ text: "2022-06-30" });
    await shot(second, "10-second-clerk-copy");

    // Meanwhile the first clerk moves on: version 2.
    await typeCell(clerk, at("progress", 4), "已收集规范性文件 52 件，已上线");
    await typeCell(clerk, at("measures", 6), "专区建设方案已报批");
    await report(clerk, hqRows.length);
    expect(clerkPuts.at(-1)!.baseVersion).toBe(1);

    // The second clerk, still on version 1, edits the same row and another one.
    await typeCell(second, at("progress", 4), "规范性文件库已试运行");
    await typeCell(second, at("progress", 7), "依申请公开系统已全流程电子化");
    from = await runCount(second);
    await second.getByRole("button", { name: "报送", exact: true }).click();
    const conflict = second.getByRole("region", { name: "报送前请对照" });
    await conflict.waitFor();
    expect(await syncsSince(second, from, "报送（409）")).toEqual([2, 3]);
    expect(secondPuts.map((p) => p.baseVersion)).toEqual([1]);
    await conflict.getByText(/^同事 张三 于 \d+月\d+日 \d\d:\d\d 报送的版本比表格中的新，3 行与表格中的不同。已按改动的一方预选，其中 1 行双方都改动过，请逐行确认：$/).waitFor();
    const rowOf = (no: string) => conflict.locator("[data-conflict]").filter({ hasText: `序号 ${no}：` });
    const says = async (no: string, ...lines: string[]) => {
      const text = await rowOf(no).textContent();
      for (const line of lines) expect(text, `序号 ${no}`).toContain(line);
    };
    // Row 1: both changed 进展情况. Row 3: only 张三 wrote the new 工作措施. Row 5: only the sheet has progress.
    await says("1", "表格中：规范性文件库已试运行", "张三报送的：已收集规范性文件 52 件，已上线", "双方都改动过，请确认");
    await says("3", "张三报送的：专区建设方案已报批", "表格中：（空）", "只有张三报送时改动过");
    await says("5", "表格中：依申请公开系统已全流程电子化", "只有表格中改动过");
    expect(await conflict.locator("[data-conflict]").count()).toBe(3);
    // Each row starts on the side that changed it since version 1, so the first clerk's new 工作措施 (row 3) is
    // not reverted by a clerk who just presses merge. Each row's choice is a radio group named by its row.
    expect(await conflict.getByRole("radiogroup", { name: /^序号 1：/ }).getByRole("radio", { name: "保留表格中的" }).isChecked()).toBe(true);
    expect(await rowOf("3").getByRole("radio", { name: "采用张三报送的" }).isChecked()).toBe(true);
    expect(await rowOf("5").getByRole("radio", { name: "保留表格中的" }).isChecked()).toBe(true);
    await shot(second, "11-conflict");

    // All of theirs first, then the sheet's back for rows 1 and 5: row 3 is the only one taken from 张三's.
    await conflict.getByRole("button", { name: "全部采用张三报送的" }).click();
    for (const no of ["1", "3", "5"]) expect(await rowOf(no).getByRole("radio", { name: "采用张三报送的" }).isChecked()).toBe(true);
    await rowOf("1").getByRole("radio", { name: "保留表格中的" }).check();
    await rowOf("5").getByRole("radio", { name: "保留表格中的" }).check();
    await shot(second, "12-conflict-chosen");

    from = await runCount(second);
    await conflict.getByRole("button", { name: "按所选合并并报送" }).click();
    await second.getByText(`报送 ${hqRows.length} 行，办公室已可看到。`).waitFor();
    await second.getByText(/报送情况：最近一次：李四 于/).waitFor();
    expect(await syncsSince(second, from, "合并并报送")).toEqual([3]);
    expect(secondPuts.map((p) => p.baseVersion)).toEqual([1, 2]);
    expect(await cellOf(second, at("progress", 4))).toMatchObject({ value: "规范性文件库已试运行" });
    expect(await cellOf(second, at("measures", 6))).toMatchObject({ value: "专区建设方案已报批" });
    expect(await cellOf(second, at("progress", 7))).toMatchObject({ value: "依申请公开系统已全流程电子化" });
    expect(await second.getByRole("region", { name: "报送前请对照" }).count()).toBe(0);
    await shot(second, "13-conflict-resolved");
  });

  test("区综治局's clerk 报送 its own 台账", async () => {
    const other = await openPane();
    await signIn(other, e2e.people.otherUnitClerk);
    await createLedger(other);
    await other.getByText("报送情况：尚未报送").waitFor();
    await pasteOfficesAndLeaders(other, otherRows.length, "黄立");
    await typeCell(other, at("measures", 4), "对接市行政规范性文件库");
    await typeCell(other, at("status", 4), "推进中");
    await report(other, otherRows.length);
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

    // The title and 截至 line, then the header on row 3 (issue 15 part 2), then the rows.
    const merged = (await sheetValues(office, "汇总台账"))!.slice(2);
    expect(merged[0]).toEqual(["单位", ...LEDGER_COLUMNS.map((c) => c.header), "审核", "逾期", "台账版本"]);
    expect(merged.slice(1).filter((line) => line[0] === HQ)).toHaveLength(hqRows.length);
    expect(merged.slice(1).filter((line) => line[0] === OTHER)).toHaveLength(otherRows.length);
    const progressCol = 1 + LEDGER_COLUMNS.findIndex((c) => c.field === "progress");
    const measuresCol = 1 + LEDGER_COLUMNS.findIndex((c) => c.field === "measures");
    const hqFirst = merged.find((line) => line[0] === HQ && line[1] === "1")!;
    expect(hqFirst[progressCol]).toBe("规范性文件库已试运行");
    expect(merged.find((line) => line[0] === OTHER && line[1] === "1")![measuresCol]).toBe("对接市行政规范性文件库");
    await shot(office, "15-office-consolidated");

    const progress = (await sheetValues(office, "任务进度"))!.slice(2);
    // Every unit of the plan, in the plan's own order (区综治局 is listed before 区党政办); a task past its day
    // reads "（逾期）" after the status.
    const units = plan.units.map((u) => u.name);
    const statusOf = (no: string, unit: string) => String(progress.find((line) => line[0] === no)![5 + units.indexOf(unit)]).replace("（逾期）", "");
    expect(progress[0]).toEqual(["序号", "工作任务", "牵头单位", "完成率", "已完成/应完成", ...units]);
    expect(progress.slice(1).map((line) => line[0])).toEqual(plan.tasks.map((t) => t.no));
    expect([statusOf("1", HQ), statusOf("1", OTHER)]).toEqual(["推进中", "推进中"]);
    expect([statusOf("2", HQ), statusOf("2", OTHER)]).toEqual(["已完成", "未开始"]);
    expect(statusOf("1", missing[0]!)).toMatch(/^(未报送|不涉及)$/);
    await office.locator('#workbook-double .wd-tab[data-sheet="任务进度"]').click();
    await office.locator("#workbook-double td", { hasText: "工作任务" }).first().waitFor();
    await shot(office, "16-office-progress");

    const counts = (await sheetValues(office, "单位统计"))!.slice(2);
    expect(counts[0]!.slice(0, 8)).toEqual(["单位", "完成率", "按时完成率", "逾期数", "报送情况", "报送时间", "应完成任务", "已完成"]);
    expect(counts.slice(1).map((line) => line[0])).toEqual(units);
    expect(counts.find((line) => line[0] === HQ)![4]).toMatch(/^(按时|逾期)$/);
    expect(counts.find((line) => line[0] === HQ)![7]).toBe(1);
    expect(counts.find((line) => line[0] === OTHER)![7]).toBe(0);
    expect(counts.find((line) => line[0] === missing[0])![4]).toBe("未报送");
    const charts = await office.evaluate(() => window.__workbookDouble.model.sheet("单位统计")!.charts.map((c) => ({ title: c.title, type: c.type })));
    expect(charts).toEqual([{ title: "各单位任务完成率", type: "BarClustered" }]);
    await office.locator('#workbook-double .wd-tab[data-sheet="单位统计"]').click();
    await office.getByText("图表：各单位任务完成率（BarClustered）").waitFor();
    await shot(office, "17-office-unit-stats");

    const notReported = (await sheetValues(office, "未报送单位"))!.slice(2);
    expect(notReported[0]).toEqual(["单位", "报送情况"]);
    expect(notReported.slice(1).map((line) => line[0])).toEqual(missing);
    await office.locator('#workbook-double .wd-tab[data-sheet="未报送单位"]').click();
    await office.locator("#workbook-double td", { hasText: missing[0]! }).first().waitFor();
    await shot(office, "18-office-not-reported");
  });
});
