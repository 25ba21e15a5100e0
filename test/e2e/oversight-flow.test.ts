// Issue 15 end to end: the built pane in headless Chromium on the real API and DynamoDB Local. A plan of this
// year whose 台账 were due 20 days ago: 区党政办 has reported, 区综治局, 区教育局 and 区卫健局 have not. The admin
// keeps contacts, the office sets up its 企业微信 robot (a stand-in on this machine), 催报 the three late units,
// reads the ranking, downloads the 通报 (read back with mammoth) and returns a row selected in 汇总台账; the
// clerk of 区综治局 opens the pane to its 待办. Screenshots: test/artifacts/oversight-01 … oversight-08.
import { readFile } from "node:fs/promises";
import mammoth from "mammoth";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { clerkCells, type LedgerRow } from "../../core/ledger/schema";
import { addDays } from "../../core/calendar";
import { chinaDate } from "../../core/merge/consolidate";
import { Plan } from "../../core/plan/schema";
import { startRobots, type Robots } from "../integration/receivers";
import { launchBrowser, type Browser } from "./browser";
import type { E2ePerson } from "./global-setup";
import { e2e, openPane as openPaneIn, shot, signIn } from "./pane";

const today = chinaDate(new Date().toISOString());
const year = Number(today.slice(0, 4));
const by = (date: string) => ({ text: `${date}前`, rules: [{ kind: "by" as const, date }] });
const plan = Plan.parse({
  id: `e2e-oversight-${year}`,
  year,
  title: `${year}年督查演示方案`,
  issuer: "区党政办公室",
  ledgerDue: addDays(today, -20),
  units: ["区党政办", "区综治局", "区教育局", "区卫健局"].map((name) => ({ name, aliases: [] })),
  tasks: [
    { id: "1", no: "1", section: "一、公开基础", text: "更新政府信息主动公开目录并集中公开规范性文件", lead: ["区党政办"], support: ["区综治局"], allUnits: false, deadline: by(addDays(today, -10)) },
    { id: "2", no: "2", section: "一、公开基础", text: "公开教育收费项目和标准", lead: ["区教育局"], support: [], allUnits: false, deadline: by(addDays(today, -5)) },
    { id: "3", no: "3", section: "二、重点领域", text: "公开医疗机构执业登记信息", lead: ["区卫健局"], support: ["区党政办"], allUnits: false, deadline: by(addDays(today, 40)) },
    { id: "4", no: "4", section: "二、重点领域", text: "做好政策解读和回应关切", lead: [], support: [], allUnits: true, deadline: { text: "长期坚持", rules: [{ kind: "ongoing" }] } },
  ],
});
const LATE = ["区综治局", "区教育局", "区卫健局"];
const MOBILE: Record<string, string> = { 区综治局: "13900000002", 区教育局: "13900000003", 区卫健局: "13900000004" };

let browser: Browser;
let robots: Robots;
const openPane = () => openPaneIn(browser);

/** A person's bearer, signed in with their user name and password as the pane does. */
const tokens = new Map<E2ePerson, string>();
async function tokenOf(person: E2ePerson): Promise<string> {
  const known = tokens.get(person);
  if (known) return known;
  const response = await fetch(`${e2e.apiUrl}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: person.username, password: person.password }) });
  const reply = await response.json();
  expect(reply.status).toBe("signed-in");
  tokens.set(person, reply.session.accessToken);
  return reply.session.accessToken;
}

async function apiCall(method: string, path: string, person: E2ePerson, body?: unknown): Promise<any> {
  const token = await tokenOf(person);
  const response = await fetch(`${e2e.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(200);
  return json;
}

beforeAll(async () => {
  browser = await launchBrowser();
  robots = await startRobots(Number(new URL(e2e.robotOrigin).port));
  await apiCall("PUT", `/plans/${plan.id}`, e2e.people.admin, plan);
  // 区党政办 reported (after the due day): task 1 done early, task 3 under way, task 4 kept up.
  // The unit's own cells, as a clerk's sync carries them (the role is the plan's).
  const rows = ledgerFor(plan, "区党政办").map((row) => clerkCells({
    ...row,
    office: "综合科",
    leader: "陈明",
    ...(row.taskId === "1" ? { measures: "梳理目录", progress: "目录已更新", status: "已完成", doneOn: addDays(today, -12), evidence: "区政府网站" } : {}),
    ...(row.taskId === "3" ? { measures: "配合卫健局", progress: "已提供材料", status: "推进中" } : {}),
    ...(row.taskId === "4" ? { measures: "每月解读", status: "长期坚持" } : {}),
  } as LedgerRow));
  await apiCall("PUT", `/plans/${plan.id}/units/${encodeURIComponent("区党政办")}/ledger`, e2e.people.clerk, { baseVersion: 0, rows });
  for (const unit of ["区教育局", "区卫健局"]) {
    await apiCall("PUT", `/plans/${plan.id}/contacts/${encodeURIComponent(unit)}`, e2e.people.admin, { people: [{ name: `${unit}联络员`, mobile: MOBILE[unit] }] });
  }
}, 120_000);

afterAll(async () => {
  await robots?.close();
  await browser?.close();
});

describe("the office's 督查 loop", () => {
  let office: Page;

  test("the admin keeps a unit's contacts", async () => {
    const admin = await openPane();
    await signIn(admin, e2e.people.admin);
    await admin.getByRole("tab", { name: "联系人" }).click();
    await admin.getByRole("combobox", { name: "方案" }).selectOption(plan.id);
    const unit = admin.getByLabel("区综治局联系人");
    await unit.getByRole("button", { name: "添加联系人" }).click();
    await admin.getByLabel("区综治局联系人1姓名").fill("黄敏");
    await admin.getByLabel("区综治局联系人1手机").fill("1390000000");
    await unit.getByRole("button", { name: "保存" }).click();
    await admin.getByText("「区综治局」第 1 位联系人：手机号应为 11 位数字，以 1 开头").waitFor();
    await admin.getByLabel("区综治局联系人1手机").fill(MOBILE.区综治局!);
    await unit.getByRole("button", { name: "保存" }).click();
    await admin.getByText("已保存「区综治局」的联系人。").waitFor();
    await shot(admin, "oversight-01-admin-contacts");
    const contacts = await apiCall("GET", `/plans/${plan.id}/contacts`, e2e.people.office);
    expect(contacts.units.find((u: { unit: string }) => u.unit === "区综治局").people).toEqual([{ name: "黄敏", mobile: MOBILE.区综治局 }]);
  });

  test("the office sets up its 企业微信 group robot; the address is never shown again", async () => {
    office = await openPane();
    await signIn(office, e2e.people.office);
    await office.getByRole("tab", { name: "渠道" }).click();
    await office.getByText("企业微信群机器人 Webhook：未设置").waitFor();
    await office.getByPlaceholder("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…").fill(robots.wecomUrl);
    await office.getByRole("button", { name: "保存" }).click();
    await office.getByText("渠道设置已保存。").waitFor();
    await office.getByText(/企业微信群机器人 Webhook：已设置（…/).waitFor();
    expect(await office.content()).not.toContain("test-key");
    await shot(office, "oversight-02-channels");
  });

  test("催报 picks the three late units, sends the edited messages to the group, and shows the record", async () => {
    await office.getByRole("tab", { name: "催报" }).click();
    await office.getByRole("combobox", { name: "方案" }).selectOption(plan.id);
    const list = office.getByLabel("催报单位");
    await office.getByText(`选择单位（逾期 3 个，已选 3 个）`).waitFor();
    for (const unit of LATE) expect(await list.getByRole("checkbox", { name: new RegExp(`^${unit}：`) }).isChecked()).toBe(true);
    expect(await list.getByRole("checkbox", { name: /^区党政办：/ }).isChecked()).toBe(false);
    const health = office.getByLabel("区卫健局的提醒");
    expect(await health.inputValue()).toMatch(/^【催报】区卫健局：《.+》工作台账应于.+前报送，至今未报送（已逾期\d+个工作日），请尽快报送。/);
    await health.fill("【催报】区卫健局：请于本周五前报送台账，并填写第3项进展。");
    await shot(office, "oversight-03-remind-picked");

    robots.calls.length = 0;
    await office.getByRole("button", { name: "发送催报（3 个单位）" }).click();
    await office.getByText("共 1 条：送达 1 条。").waitFor();
    expect(robots.calls).toHaveLength(1);
    const sent = robots.calls[0]!.body.text;
    expect(sent.content.split("\n\n")).toHaveLength(3);
    expect(sent.content).toContain("【催报】区卫健局：请于本周五前报送台账，并填写第3项进展。");
    expect(sent.content).toMatch(/【催报】区教育局：.*有1项任务已过时限仍未完成：第2项/);
    expect(sent.mentioned_mobile_list).toEqual(LATE.map((u) => MOBILE[u]));
    const record = office.getByLabel("发送记录");
    await record.getByText("王五（督办汇总）", { exact: false }).first().waitFor();
    await record.getByText(`企业微信群 → ${LATE.join("、")}`, { exact: false }).waitFor();
    await record.getByText("企业微信群机器人；对方已接收", { exact: false }).waitFor();
    await shot(office, "oversight-04-remind-sent");
  });

  test("a failing group is reported in the record and sent again from it", async () => {
    robots.script.push({ errcode: 45009, errmsg: "api freq out of limit" }, { errcode: 45009, errmsg: "api freq out of limit" }, { errcode: 45009, errmsg: "api freq out of limit" });
    await office.getByRole("button", { name: "全不选" }).click();
    await office.getByLabel("催报单位").getByRole("checkbox", { name: /^区卫健局：/ }).check();
    await office.getByRole("button", { name: "发送催报（1 个单位）" }).click();
    await office.getByText("共 1 条：送达 0 条，失败 1 条（见下方记录，可重发）。").waitFor();
    await office.getByLabel("发送记录").getByText("对方答复：errcode 45009：api freq out of limit（发送过于频繁，每个机器人每分钟最多 20 条）（共尝试 3 次）", { exact: false }).waitFor();
    await shot(office, "oversight-05-remind-failed");
    await office.getByLabel("发送记录").getByRole("button", { name: "重发" }).click();
    await office.getByLabel("发送记录").getByText("已重发成功").waitFor();
  });

  test("the ranking puts the unit that reported first, with the default weights stated", async () => {
    await office.getByRole("tab", { name: "考核" }).click();
    const table = office.getByRole("table", { name: "考核排名" });
    await table.waitFor();
    const rows = await table.locator("tbody tr").allInnerTexts();
    expect(rows.map((r) => r.split(/\s+/)[1])).toEqual(["区党政办", ...LATE]);
    expect(rows[0]).toMatch(/^1\s+区党政办\s+\d+\.\d\s+66\.7%\s+100\.0%\s+逾期报送\s+0$/);
    await office.getByText("默认：报送及时 25、完成率 35、按时完成率 30、退回次数 10。", { exact: false }).waitFor();
    await office.getByLabel("历史得分").getByText(`${today}：第 1 名`, { exact: false }).waitFor();
    await shot(office, "oversight-06-ranking");
  });

  test("the 通报 downloads as a Word file with its headings and the units ranked", async () => {
    await office.getByRole("tab", { name: "通报" }).click();
    const [download] = await Promise.all([office.waitForEvent("download"), office.getByRole("button", { name: "下载通报" }).click()]);
    expect(download.suggestedFilename()).toBe(`${year}年政务公开工作任务落实情况的通报.docx`);
    const { value: html } = await mammoth.convertToHtml({ buffer: await readFile((await download.path())!) });
    const headings = [...html.matchAll(/<h1>(?:<strong>)?(.+?)(?:<\/strong>)?<\/h1>/g)].map((h) => h[1]);
    expect(headings).toEqual(["一、总体情况", "二、考核排名", "三、未报送台账的单位", "四、逾期未完成事项", "五、工作要求"]);
    const rankingPart = html.slice(html.indexOf("二、考核排名"), html.indexOf("三、未报送台账的单位"));
    const ranked = [...rankingPart.matchAll(/<tr><td><p>(\d+)<\/p><\/td><td><p>(.+?)<\/p><\/td>/g)].map((m) => m[2]);
    expect(ranked).toEqual(["区党政办", ...LATE]);
    expect(html).toContain(`以下3个单位尚未报送工作台账：${LATE.join("、")}。`);
    await office.getByText(`已生成“${year}年政务公开工作任务落实情况的通报.docx”`, { exact: false }).waitFor();
    await shot(office, "oversight-07-bulletin");
  });

  test("the office returns the row it selected in 汇总台账, after confirming", async () => {
    await office.getByRole("tab", { name: "汇总" }).click();
    await office.getByRole("combobox", { name: "方案" }).selectOption(plan.id);
    await office.getByRole("button", { name: "汇总", exact: true }).click();
    await office.getByText(/1 个单位、\d+ 行已写入/).waitFor();
    // Task 1 of 区党政办 is the first data row under the header.
    const values = (await office.evaluate(() => window.__workbookDouble.values("汇总台账")))!;
    const sheetRow = values.findIndex((line) => line[0] === "区党政办" && line[1] === "1") + 1;
    await office.locator(`#workbook-double td[data-cell="C${sheetRow}"]`).click();
    await office.getByRole("tab", { name: "审核" }).click();
    await office.getByRole("combobox", { name: "方案" }).selectOption(plan.id);
    await office.getByLabel("意见").fill("佐证材料请附网页链接");
    await office.getByRole("button", { name: "退回所选行" }).click();
    await office.getByRole("dialog").getByText("将「区党政办」第1项（更新政府信息主动公开目录并集中公开规范性文件）标记为退回，意见：佐证材料请附网页链接。", { exact: false }).waitFor();
    await shot(office, "oversight-08-review-confirm");
    await office.getByRole("button", { name: "确认退回" }).click();
    await office.getByText("已将「区党政办」第1项标记为退回", { exact: false }).waitFor();
    const ledger = await apiCall("GET", `/plans/${plan.id}/units/${encodeURIComponent("区党政办")}/ledger`, e2e.people.office);
    expect(ledger.rows[0].review).toMatchObject({ verdict: "退回", comment: "佐证材料请附网页链接", by: "王五（督办汇总）" });
  });

  test("the clerk of a late unit opens the pane to its 待办", async () => {
    const clerk = await openPane();
    await signIn(clerk, e2e.people.otherUnitClerk);
    await clerk.getByRole("combobox", { name: "方案" }).selectOption(plan.id);
    await clerk.getByRole("button", { name: "新建台账" }).click();
    const todo = clerk.getByLabel("待办");
    await todo.getByText(/^台账应于(\d+年)?\d+月\d+日前报送，已逾期 \d+ 个工作日，请尽快报送。$/).waitFor();
    await todo.getByText("逾期未完成 1 项").waitFor();
    await todo.getByText(/^第1项 更新政府信息主动公开目录.*已逾期 \d+ 个工作日，未填报）$/).waitFor();
    await shot(clerk, "oversight-09-clerk-todo");
  });
});
