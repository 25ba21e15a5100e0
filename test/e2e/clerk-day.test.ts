// Issue 14 end to end: a district clerk's day in the pane, in the clerk's words. 吴九 keeps 区发改财政局's 台账 for
// the 2017 plan (seed 004) at the 320 px Excel gives a task pane: 新建台账 and 统一填写, 检查 and 报送 with counts,
// the API going down (the 台账 stays, 检查 works, 重试 when it is back), a cell still being edited, a newer plan
// refused at 报送 and applied, the office's 退回 seen on the row and cleared by a changed 报送, a workbook closed
// without saving after a 报送 (the clerk's own version recognised), and an ended sign-in. Every state is checked
// with axe-core (no serious or critical violation) and shot at 320 and 500 px: test/artifacts/clerkday-<px>-NN-*.png.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeJwt, SignJWT } from "jose";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { loadOrCreateKey } from "../../api/auth/local-tokens";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { Plan } from "../../core/plan/schema";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { expectAccessible } from "./a11y";
import { launchBrowser, type Browser } from "./browser";
import { ARTIFACTS, cellAt, e2e, holdLedgerPuts, openPane, printObservedSyncs, runCount, shot, signIn, syncsSince, typeCell } from "./pane";

const PLAN_ID = "zhuhai-gxq-2017";
const UNIT = "区发改财政局";
const plan = Plan.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "seeds", "plans", `${PLAN_ID}.json`), "utf8")));
const rows = ledgerFor(plan, UNIT);
/** Title, 填报单位 line, header: the first task is on row 4. */
const FIRST = 4;
const at = (field: string, row: number) => `${String.fromCharCode(65 + LEDGER_COLUMNS.findIndex((c) => c.field === field))}${row}`;
const rowOf = (taskId: string) => FIRST + rows.findIndex((r) => r.taskId === taskId);

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  printObservedSyncs();
});
// A step that fails leaves the pane as it was, to look at.
afterEach(async ({ task }) => {
  if (task.result?.state === "fail" && page) await shot(page, `clerkday-failed-${task.name.slice(0, 20)}`).catch(() => undefined);
});

/** The pane at a width Excel gives it, with the sheet beside it. */
async function paneWidth(px: number): Promise<void> {
  await page.setViewportSize({ width: 900 + px, height: 900 });
  await page.evaluate((w) => window.__workbookDouble.setPaneWidth(w), px);
}

/**
 * This state, checked with axe and shot at 320 and at 500 px (then back to 320): the page with the sheet, and the
 * pane alone at its real size (clerkday-<px>-<name>-pane.png) to read as a clerk would.
 */
async function state(name: string): Promise<void> {
  for (const px of [500, 320]) {
    await paneWidth(px);
    await expectAccessible(page, `${name} at ${px} px`);
    await shot(page, `clerkday-${px}-${name}`);
    await page.locator("#root").screenshot({ path: join(ARTIFACTS, `clerkday-${px}-${name}-pane.png`), animations: "disabled" });
  }
}

/** A person of the run signed in through the API, for what the admin and the office do meanwhile. */
async function bearerOf(person: { username: string; password: string }): Promise<string> {
  const reply = await fetch(`${e2e.apiUrl}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: person.username, password: person.password }) });
  return (await reply.json()).session.accessToken;
}

const report = () => page.getByRole("button", { name: "报送", exact: true });
/** 检查 found no error: reminders only, or none (the monthly tasks are overdue only after their day of the month). */
const noErrors = () => page.getByText(/(?<!\d)0 处错误，\d+ 处提醒。|(?<!\d)\d+ 行均无问题，单元格上的检查标记已清除。/);
const apiDown = () => page.route(`${e2e.apiUrl}/**`, (route) => route.abort("internetdisconnected"));
const apiUp = () => page.unroute(`${e2e.apiUrl}/**`);
/** Ctrl+S, then Excel closed and the file opened again: the page reloads over the saved workbook. */
async function saveAndReopen(): Promise<void> {
  await page.evaluate(() => window.__workbookDouble.save());
  await page.reload();
}

describe("a clerk's day: 区发改财政局, 2017 plan", () => {
  test("新建台账 fills 时限要求 from the plan and offers to fill 责任科室 and 分管领导 for every row at once", async () => {
    page = await openPane(browser);
    page.on("console", (message) => message.type() === "warning" && console.warn(`[pane] ${message.text()}`));
    await paneWidth(320);
    await state("01-sign-in");
    await signIn(page, e2e.people.dayClerk);
    await page.getByRole("combobox", { name: "方案" }).selectOption(PLAN_ID);
    await state("02-start");
    await page.getByRole("button", { name: "新建台账" }).click();
    await page.getByRole("heading", { name: `${UNIT}的台账` }).waitFor();
    await page.getByText("报送情况：尚未报送").waitFor();
    // Seed 004 gives no 时限要求 column: task 2.1's deadlines sit in its text, said back in the plan's words.
    expect(await cellAt(page, at("deadline", rowOf("2.1")))).toMatchObject({ value: "每月；每月25日前" });
    await page.getByRole("heading", { name: "统一填写" }).waitFor();
    await state("03-created");

    await page.getByRole("button", { name: "检查", exact: true }).click();
    const results = page.getByRole("list", { name: "检查结果" });
    await results.waitFor();
    // Every row lacks its 责任科室 (errors) and 分管领导 (reminders); a 2017 plan's monthly tasks are overdue
    // besides on the days after their day of the month.
    await page.getByText(new RegExp(`(?<!\\d)${rows.length} 处错误，\\d+ 处提醒。`)).waitFor();
    await results.getByRole("button", { name: /^错误 · 责任科室 第4行「责任科室」为空/ }).waitFor();
    await results.getByRole("button", { name: /^提醒 · 分管领导 第4行「分管领导」为空/ }).waitFor();
    await page.getByText(`${rows.length} 行没有责任科室，${rows.length} 行没有分管领导。`, { exact: false }).waitFor();
    await state("04-findings");

    await page.getByLabel("责任科室").fill("综合科");
    await page.getByLabel("分管领导").fill("陈明");
    await page.getByRole("button", { name: "填入空白行" }).click();
    await page.getByText(`已把${rows.length} 行的责任科室填为「综合科」，${rows.length} 行的分管领导填为「陈明」。个别不同的行请在表格中直接改。`).waitFor();
    await noErrors().waitFor();
    expect(await cellAt(page, at("office", FIRST + rows.length - 1))).toMatchObject({ value: "综合科", fill: undefined });
    expect(await cellAt(page, at("leader", FIRST))).toMatchObject({ value: "陈明" });
    await state("05-filled-checked");
  });

  test("报送 says how far it is, then who and when", async () => {
    await typeCell(page, at("measures", FIRST), "设立预决算公开专栏");
    await typeCell(page, at("status", FIRST), "推进中");
    const release = await holdLedgerPuts(page, PLAN_ID);
    await report().click();
    await page.getByRole("progressbar", { name: `正在报送 ${rows.length} 行…（第 2 步，共 3 步）` }).waitFor();
    await state("06-reporting");
    await release();
    await page.getByText(`报送 ${rows.length} 行，办公室已可看到。`).waitFor();
    await page.getByText(/报送情况：最近一次：吴九 于 \d+月\d+日 \d\d:\d\d 报送/).waitFor();
    await state("07-reported");
  });

  test("with the API down at open the 台账 stays in view, one line says what failed, 检查 works, and 重试 reconnects", async () => {
    await apiDown();
    await saveAndReopen();
    await page.getByRole("heading", { name: `${UNIT}的台账` }).waitFor();
    const failed = page.getByRole("alert");
    await failed.getByText("无法连接台账系统").waitFor();
    await failed.getByText("网络不通，或台账系统暂时无法访问：请检查网络；表格中的内容不受影响，联网后可重试。").waitFor();
    expect(await page.getByRole("alert").count()).toBe(1);
    expect(await page.getByText("本工作簿还没有台账").count()).toBe(0);
    await page.getByText(/报送情况：最近一次：吴九 于/).waitFor();
    await page.getByText("表格中的台账照常可用：检查不需要联网，报送请在联网后进行。").waitFor();

    // 检查 offline, on the plan kept with the workbook: a cleared 责任科室 is found and marked.
    await typeCell(page, at("office", FIRST + 1), "");
    await page.getByRole("button", { name: "检查", exact: true }).click();
    await page.getByRole("list", { name: "检查结果" }).getByRole("button", { name: /^错误 · 责任科室 第5行「责任科室」为空/ }).waitFor();
    expect(await cellAt(page, at("office", FIRST + 1))).toMatchObject({ fill: "#FFC7CE", note: "【台账检查】第5行「责任科室」为空，请填写负责此项任务的科室。" });
    await state("08-offline-check");

    await report().click();
    await page.getByText("未报送").waitFor();
    await typeCell(page, at("office", FIRST + 1), "综合科");
    await report().click();
    await page.getByText("暂未报送").waitFor();
    await page.getByRole("button", { name: "重试报送" }).first().waitFor();
    await state("09-offline-report");

    await apiUp();
    await failed.getByRole("button", { name: "重试" }).click();
    await page.getByRole("alert").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "重试报送" }).first().click();
    await page.getByText(`报送 ${rows.length} 行，办公室已可看到。`).waitFor();
    await state("10-back-online");
  });

  test("a cell still being edited does not fail 检查: it waits for Enter", async () => {
    const cell = page.locator(`#workbook-double td[data-cell="${at("progress", FIRST)}"]`);
    await cell.dblclick();
    await cell.locator("input").fill("专栏已上线");
    const from = await runCount(page);
    await page.getByRole("button", { name: "检查", exact: true }).click();
    await page.getByRole("progressbar", { name: "正在检查台账…" }).waitFor();
    expect(await page.evaluate(() => window.__workbookDouble.editing())).toBe(true);
    await page.waitForTimeout(500);
    expect(await page.getByRole("progressbar", { name: "正在检查台账…" }).count()).toBe(1);
    await cell.locator("input").press("Enter");
    await page.getByRole("progressbar", { name: /正在/ }).waitFor({ state: "detached" });
    await noErrors().waitFor();
    expect(await syncsSince(page, from, "检查（等单元格编辑结束）")).toEqual([2, 3]);
  });

  test("a newer plan refuses the 报送: what changes for the unit, 应用更新, and the new row's blank is found", async () => {
    // The admin publishes a newer plan: task 1.3's deadline is now stated, and a new task falls to 区发改财政局.
    const newer = structuredClone(plan);
    const t13 = newer.tasks.find((t) => t.id === "1.3")!;
    t13.deadline = { text: "2017年9月底前", rules: [{ kind: "by", date: "2017-09-30" }] };
    newer.tasks.push({ ...t13, id: "5.9", no: "5.9", text: "公开本单位2017年政务公开工作台账", deadline: { text: "长期坚持", rules: [{ kind: "ongoing" }] } });
    const admin = await bearerOf(e2e.people.admin);
    const published = await fetch(`${e2e.apiUrl}/plans/${PLAN_ID}`, { method: "PUT", headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" }, body: JSON.stringify(newer) });
    expect(published.status).toBe(200);

    await typeCell(page, at("progress", FIRST + 2), "已转发市财政税收政策 5 条");
    await report().click();
    const change = page.getByRole("region", { name: "台账系统中的方案已更新，表格仍按旧方案填写，暂未报送。" });
    await change.waitFor();
    await change.getByText("新增 1 项任务：第5.9项").waitFor();
    await change.getByText("时限有变化：第1.3项").waitFor();
    await state("11-newer-plan");

    await change.getByRole("button", { name: "应用更新" }).click();
    await page.getByText("已按新方案更新表格", { exact: true }).waitFor();
    await page.getByText("新增 1 项任务：第5.9项；时限有变化：第1.3项。请检查后再报送。").waitFor();
    expect(await cellAt(page, at("deadline", FIRST))).toMatchObject({ value: "2017年9月底前" });
    const added = FIRST + rows.length;
    expect(await cellAt(page, at("no", added))).toMatchObject({ value: "5.9" });

    // The new row has no 责任科室 yet: 报送 says so and points at it.
    await report().click();
    const blank = page.getByRole("list", { name: "报送前须改正" }).getByRole("button", { name: new RegExp(`^错误 · 责任科室 第${added}行「责任科室」为空`) });
    await blank.waitFor();
    await state("12-report-errors");
    await blank.click();
    await expect.poll(() => page.evaluate(() => window.__workbookDouble.selection())).toBe(`'台账'!${at("office", added)}`);
    await typeCell(page, at("office", added), "综合科");
    await report().click();
    await page.getByText(`报送 ${rows.length + 1} 行，办公室已可看到。`).waitFor();
  });

  test("the server's own check (a 422) is shown as 检查's findings are, each one a click to its cell", async () => {
    // The workbook's copy of the plan lost task 1.3's deadline (edited by hand, or a copy from elsewhere): the pane's
    // check cannot see that the 时限要求 typed is later than the plan's; the server, with the real plan, can.
    await page.evaluate(() => {
      const settings = window.__workbookDouble.model.settings;
      const kept = JSON.parse(String(settings.get("taizhang.plan")));
      kept.tasks.find((t: { id: string }) => t.id === "1.3").deadline = { text: "", rules: [] };
      settings.set("taizhang.plan", JSON.stringify(kept));
    });
    await saveAndReopen();
    await page.getByRole("heading", { name: `${UNIT}的台账` }).waitFor();
    await typeCell(page, at("deadline", FIRST), "2018年12月底前");
    await report().click();
    const refused = page.getByRole("list", { name: "报送前须改正" });
    const late = refused.getByRole("button", { name: /^错误 · 时限要求 第4行「时限要求」“2018年12月底前”晚于方案规定的2017-09-30；单位可以提前，不能推后/ });
    await late.waitFor();
    await page.getByText("台账系统检查出 1 处错误，未保存。请改正后再报送：").waitFor();
    await state("13-server-refused");
    await late.click();
    await expect.poll(() => page.evaluate(() => window.__workbookDouble.selection())).toBe(`'台账'!${at("deadline", FIRST)}`);
    await typeCell(page, at("deadline", FIRST), "2017年9月底前");
    await report().click();
    await page.getByText(/报送 \d+ 行，办公室已可看到。/).waitFor();
  });

  test("the office's 退回 shows on the row, and goes once the clerk changes the row and 报送 it", async () => {
    const office = await bearerOf(e2e.people.office);
    const returned = await fetch(`${e2e.apiUrl}/plans/${PLAN_ID}/units/${encodeURIComponent(UNIT)}/ledger/review`, {
      method: "POST",
      headers: { authorization: `Bearer ${office}`, "content-type": "application/json" },
      body: JSON.stringify({ rowKey: "2.2.2", verdict: "退回", comment: "请补充佐证材料" }),
    });
    expect(returned.status).toBe(200);

    await saveAndReopen();
    const notes = page.getByRole("region", { name: "办公室审核" });
    await notes.waitFor();
    const item = notes.getByRole("button", { name: /^序号 2\.2\.2：退回，“请补充佐证材料”（王五，\d+月\d+日 \d\d:\d\d）$/ });
    await item.waitFor();
    const cell = at("no", rowOf("2.2.2"));
    expect(await cellAt(page, cell)).toMatchObject({ fill: "#F8CBAD", note: expect.stringMatching(/^【办公室审核】退回：请补充佐证材料（王五（督办汇总），\d+月\d+日 \d\d:\d\d）$/) });
    await item.click();
    await expect.poll(() => page.evaluate(() => window.__workbookDouble.selection())).toBe(`'台账'!${cell}`);
    await state("14-returned");

    await typeCell(page, at("evidence", rowOf("2.2.2")), "高新区门户网站“政策解读”栏目");
    await report().click();
    await page.getByText(/已修改并报送、等待办公室复核：序号 2\.2\.2。/).waitFor();
    await expect.poll(async () => (await cellAt(page, cell))?.fill).toBeUndefined();
    expect((await cellAt(page, cell))?.note).toBeUndefined();
    await state("15-returned-answered");
  });

  test("a workbook closed without saving after a 报送: the next 报送 knows the newer version is the clerk's own", async () => {
    await page.evaluate(() => window.__workbookDouble.save());
    await typeCell(page, at("progress", FIRST + 3), "已完成备案信息公开");
    await report().click();
    await page.getByText(/报送 \d+ 行，办公室已可看到。/).waitFor();
    // Closed without saving: the file still has the sheet as it was before that 报送.
    await page.reload();
    await page.getByRole("heading", { name: `${UNIT}的台账` }).waitFor();
    expect((await cellAt(page, at("progress", FIRST + 3)))?.value).toBe("");
    await page.getByText(/^台账系统中有您本人于 \d+月\d+日 \d\d:\d\d 报送的版本，比表格中的新：表格可能在那次报送后没有保存，报送时会请您对照。$/).waitFor();

    await report().click();
    const compare = page.getByRole("region", { name: "报送前请对照" });
    await compare.waitFor();
    await compare.getByText(/^台账系统中有您本人于 \d+月\d+日 \d\d:\d\d 报送的版本，比表格中的新：表格可能在那次报送后没有保存。1 行与表格中的不同。已按改动的一方预选：$/).waitFor();
    expect(await compare.getByText(/他人|同事/).count()).toBe(0);
    expect(await compare.getByRole("radio", { name: "采用您之前报送的" }).isChecked()).toBe(true);
    await state("16-own-version");
    await compare.getByRole("button", { name: "按所选合并并报送" }).click();
    await page.getByText(/报送 \d+ 行，办公室已可看到。/).waitFor();
    expect(await cellAt(page, at("progress", FIRST + 3))).toMatchObject({ value: "已完成备案信息公开" });
  });

  test("an ended sign-in goes back to the sign-in form, and signing in again finds the 台账", async () => {
    await page.evaluate(() => window.__workbookDouble.save());
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("taizhang.session") ?? "null"));
    await fetch(`${e2e.apiUrl}/auth/logout`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refreshToken: saved.refreshToken }) });
    await page.evaluate((s) => localStorage.setItem("taizhang.session", JSON.stringify(s)), { ...saved, bearer: await expired(saved.bearer) });
    await page.reload();
    await page.getByText("登录已过期或已退出，请重新登录。").waitFor();
    await page.getByLabel("用户名").waitFor();
    await state("17-signed-out");
    await signIn(page, e2e.people.dayClerk);
    await page.getByRole("heading", { name: `${UNIT}的台账` }).waitFor();
    await page.getByText(/报送情况：最近一次：吴九 于/).waitFor();
  });
});

/** The same person's token, signed with the stack's key, that ran out a minute ago. */
async function expired(bearer: string): Promise<string> {
  const { sub, role, unit, name, iss } = decodeJwt(bearer);
  const key = await loadOrCreateKey(e2e.dataDir);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role, unit, name }).setProtectedHeader({ alg: "HS256" }).setSubject(sub!).setIssuer(iss!).setIssuedAt(now - 700).setExpirationTime(now - 60).sign(key);
}
