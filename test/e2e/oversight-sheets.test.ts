// Issue 15 part 2 end to end: the office's 汇总 in the built pane (headless Chromium, the real API and DynamoDB
// Local) writes the 督查 sheets a district office reads without a formula: 汇总台账 with its overdue rows marked,
// 任务进度, 单位统计 with every unit (the one that never reported too) and 考核排名. The office keeps its own
// column (跟进人) in 汇总台账; a unit adds a row above the noted one and the refresh keeps the note beside the
// same row. Screenshots: test/artifacts/oversight2-01 … oversight2-05.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addDays } from "../../core/calendar";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { clerkCells, type LedgerRow } from "../../core/ledger/schema";
import { chinaDate } from "../../core/merge/consolidate";
import { Plan } from "../../core/plan/schema";
import { columnLetter } from "../../core/sheet/grid";
import { launchBrowser, type Browser } from "./browser";
import type { E2ePerson } from "./global-setup";
import { e2e, openPane, sheetValues, shot, signIn, typeCell } from "./pane";

const today = chinaDate(new Date().toISOString());
const year = Number(today.slice(0, 4));
const by = (date: string) => ({ text: `${date}前`, rules: [{ kind: "by" as const, date }] });
const plan = Plan.parse({
  id: `e2e-oversight2-${year}`,
  year,
  title: `${year}年督查报表演示方案`,
  issuer: "区党政办公室",
  // Due in ten days: the two units that synced are 按时, the third has not reported yet.
  ledgerDue: addDays(today, 10),
  units: ["区党政办", "区综治局", "区教育局"].map((name) => ({ name, aliases: [] })),
  tasks: [
    { id: "1", no: "1", section: "一、公开基础", text: "更新政府信息主动公开目录并集中公开规范性文件", lead: ["区党政办"], support: ["区综治局"], allUnits: false, deadline: by(addDays(today, -10)) },
    { id: "2", no: "2", section: "一、公开基础", text: "公开矛盾纠纷多元化解工作情况", lead: ["区综治局"], support: [], allUnits: false, deadline: by(addDays(today, -5)) },
    { id: "3", no: "3", section: "二、重点领域", text: "公开教育收费项目和标准", lead: ["区教育局"], support: [], allUnits: false, deadline: by(addDays(today, 30)) },
    { id: "4", no: "4", section: "二、重点领域", text: "做好政策解读和回应关切", lead: [], support: [], allUnits: true, deadline: { text: "长期坚持", rules: [{ kind: "ongoing" }] } },
  ],
});

let browser: Browser;
let office: Page;
const versions = new Map<string, number>();

/** A person's bearer header, signed in with their user name and password as the pane does. */
async function bearer(person: E2ePerson): Promise<Record<string, string>> {
  const login = await (await fetch(`${e2e.apiUrl}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: person.username, password: person.password }) })).json();
  return { authorization: `Bearer ${login.session.accessToken}`, "content-type": "application/json" };
}

async function sync(person: E2ePerson, unit: string, fill: (row: LedgerRow) => Partial<LedgerRow>, extra: LedgerRow[] = []): Promise<void> {
  const rows = [...ledgerFor(plan, unit).flatMap((row) => [{ ...row, office: "综合科", leader: "陈明", ...fill(row) } as LedgerRow, ...extra.filter((e) => e.taskId === row.taskId)])].map(clerkCells);
  const response = await fetch(`${e2e.apiUrl}/plans/${plan.id}/units/${encodeURIComponent(unit)}/ledger`, {
    method: "PUT",
    headers: await bearer(person),
    body: JSON.stringify({ baseVersion: versions.get(unit) ?? 0, rows }),
  });
  const reply = await response.json();
  expect(response.status, JSON.stringify(reply)).toBe(200);
  versions.set(unit, reply.version);
}

const partyOffice = (row: LedgerRow): Partial<LedgerRow> =>
  row.taskId === "1" ? { measures: "梳理目录，逐条核对", progress: "目录已更新并在区政府网站公开", status: "已完成", doneOn: addDays(today, -12), evidence: "区政府网站专栏链接" }
  : row.taskId === "3" ? { measures: "配合教育局", status: "推进中" }
  : { measures: "每月解读一次", status: "长期坚持" };
const order = (row: LedgerRow): Partial<LedgerRow> =>
  row.taskId === "1" ? { measures: "提供本单位文件清单", progress: "清单已报送一半", status: "推进中" }
  : row.taskId === "2" ? { measures: "汇总调解数据", status: "未开始" }
  : { measures: "回应群众关切", status: "长期坚持" };

/** 汇总, waiting for this pull's own message (the last one stays on screen until it is replaced). */
async function pull(rows: number): Promise<void> {
  // 汇总 the first time, 刷新汇总 after.
  await office.getByRole("button", { name: /^(刷新)?汇总$/ }).click();
  await office.getByText(`2 个单位、${rows} 行已写入`).waitFor();
}

const viewSheet = (name: string) => office.locator("#workbook-double .wd-tab", { hasText: name }).click();
const rowOf = (values: unknown[][], unit: string, no: string) => values.findIndex((line) => line[0] === unit && line[1] === no) + 1;

beforeAll(async () => {
  browser = await launchBrowser();
  const put = await fetch(`${e2e.apiUrl}/plans/${plan.id}`, { method: "PUT", headers: await bearer(e2e.people.admin), body: JSON.stringify(plan) });
  expect(put.status).toBe(200);
  await sync(e2e.people.clerk, "区党政办", partyOffice);
  await sync(e2e.people.otherUnitClerk, "区综治局", order);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe("the office's 督查 sheets in 汇总", () => {
  test("汇总 writes 汇总台账 with overdue rows marked and 牵头/配合 filled", async () => {
    office = await openPane(browser);
    await signIn(office, e2e.people.office);
    await office.getByRole("tab", { name: "汇总" }).click();
    await office.getByRole("combobox", { name: "方案" }).selectOption(plan.id);
    await pull(5);
    const values = (await sheetValues(office, "汇总台账"))!;
    expect(values[0]![0]).toBe(`${plan.title}·汇总台账`);
    expect(values[1]![0]).toBe(`截至${year}年${Number(today.slice(5, 7))}月${Number(today.slice(8))}日`);
    const header = values[2]!.map(String);
    const late = values[rowOf(values, "区综治局", "2") - 1]!;
    expect(late[header.indexOf("逾期")]).toBe("逾期");
    expect(late[header.indexOf("牵头/配合")]).toBe("牵头");
    expect(values[rowOf(values, "区综治局", "1") - 1]![header.indexOf("牵头/配合")]).toBe("配合");
    await shot(office, "oversight2-01-consolidated");
  });

  test("单位统计 answers who is behind: every unit, the one that never reported included", async () => {
    await viewSheet("单位统计");
    const values = (await sheetValues(office, "单位统计"))!;
    const header = values[2]!.map(String);
    expect(header.slice(0, 6)).toEqual(["单位", "完成率", "按时完成率", "逾期数", "报送情况", "报送时间"]);
    const unit = (name: string) => Object.fromEntries(header.map((h, i) => [h, values.find((line) => line[0] === name)![i]]));
    expect(values.slice(3).map((line) => line[0])).toEqual(["区党政办", "区综治局", "区教育局"]);
    expect(unit("区党政办")).toMatchObject({ 完成率: 1, 按时完成率: 1, 逾期数: 0, 报送情况: "按时" });
    expect(unit("区综治局")).toMatchObject({ 完成率: 1 / 3, 按时完成率: 0, 逾期数: 2, 报送情况: "按时" });
    expect(unit("区教育局")).toMatchObject({ 完成率: 0, 报送情况: "未报送", 报送时间: "" });
    await shot(office, "oversight2-02-unit-stats");
  });

  test("任务进度 and 考核排名 carry the lead units, completion and the ranking", async () => {
    await viewSheet("任务进度");
    const progress = (await sheetValues(office, "任务进度"))!;
    const task2 = progress.find((line) => line[0] === "2")!;
    expect(task2.slice(2, 5)).toEqual(["区综治局", 0, "0/1"]);
    expect(task2.slice(5)).toEqual(["不涉及", "未开始（逾期）", "不涉及"]);
    // 区教育局 never reported: its column says so where the task is its own.
    expect(progress.find((line) => line[0] === "3")!.slice(5)).toEqual(["不涉及", "不涉及", "未报送"]);
    await shot(office, "oversight2-03-progress");

    await viewSheet("考核排名");
    const ranking = (await sheetValues(office, "考核排名"))!;
    expect(ranking[2]!.slice(0, 3)).toEqual(["名次", "单位", "总分"]);
    expect(ranking.slice(3).map((line) => line[1])).toEqual(["区党政办", "区综治局", "区教育局"]);
    expect(ranking[3]![0]).toBe(1);
    await shot(office, "oversight2-04-ranking");
  });

  test("the office's own column stays beside the same row when a unit adds a row above it", async () => {
    await viewSheet("汇总台账");
    const before = (await sheetValues(office, "汇总台账"))!;
    const own = columnLetter(before[2]!.length);
    await typeCell(office, `${own}3`, "跟进人");
    const noted = rowOf(before, "区综治局", "2");
    await typeCell(office, `${own}${noted}`, "已电话督促（李科长）");

    // 区党政办, above 区综治局 in the sheet, adds a second row to its task 1.
    await sync(e2e.people.clerk, "区党政办", partyOffice, [{ ...ledgerFor(plan, "区党政办")[0]!, office: "综合科", leader: "陈明", measures: "补充公开历年文件", status: "推进中", continuation: true }]);
    await pull(6);
    const after = (await sheetValues(office, "汇总台账"))!;
    const moved = rowOf(after, "区综治局", "2");
    expect(moved).toBe(noted + 1);
    const column = before[2]!.length;
    expect(after[2]![column]).toBe("跟进人");
    expect(after[moved - 1]![column]).toBe("已电话督促（李科长）");
    expect(after.filter((line) => line[column] === "已电话督促（李科长）")).toHaveLength(1);
    await shot(office, "oversight2-05-own-column-kept");
  });
});
