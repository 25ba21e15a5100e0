// Issue 12 end to end: people sign in with 用户名 and 密码 through the pane's form. The admin creates clerk accounts
// for every unit of a plan and gets the initial passwords as a workbook; a clerk signs in for the first time and
// sets a new password; a wrong password; a session whose token expires renews silently, and one that was revoked
// sends the clerk back to the form. Screenshots: accounts-01 … accounts-09 under test/artifacts/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { decodeJwt, SignJWT } from "jose";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadOrCreateKey } from "../../api/auth/local-tokens";
import { Plan } from "../../core/plan/schema";
import { launchBrowser, type Browser } from "./browser";
import { e2e, openPane as openPaneIn, shot, signIn } from "./pane";

const PLAN_ID = "jiangmen-zjj-2022";
let browser: Browser;
const openPane = () => openPaneIn(browser);

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const session = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem("taizhang.session") ?? "null"));

describe("accounts: the admin hands out accounts, a clerk signs in for the first time", () => {
  let credentials: { unit: string; name: string; username: string; password: string }[] = [];
  let planUnits: string[] = [];

  test("the admin creates clerk accounts for every unit of a plan, and the passwords open as a workbook", async () => {
    const admin = await openPane();
    await signIn(admin, e2e.people.admin);
    await admin.getByRole("tab", { name: "账号" }).click();
    await admin.getByRole("combobox", { name: "方案" }).selectOption(PLAN_ID);
    planUnits = planOf().units.map((u) => u.name);
    await admin.getByRole("button", { name: "生成账号清单" }).click();
    const drafts = admin.locator('div[aria-label="待创建账号"]');
    await drafts.waitFor();
    // The first unit's clerk is known by name; the rest are named later.
    await admin.getByLabel(`${planUnits[0]} 姓名`).fill("孙八");
    await shot(admin, "accounts-01-proposed");
    await admin.getByRole("button", { name: `创建 ${planUnits.length} 个账号` }).click();
    await admin.getByText(`已生成 ${planUnits.length} 个初始密码`).waitFor();
    await shot(admin, "accounts-02-created");

    const opened: string[] = await admin.evaluate(() => window.__workbookDouble.openedWorkbooks);
    expect(opened).toHaveLength(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(Buffer.from(opened[0]!, "base64")).buffer);
    const sheet = book.getWorksheet("初始密码")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "单位", "姓名", "用户名", "初始密码", "身份"]);
    credentials = planUnits.map((_, i) => {
      const [, unit, name, username, password] = sheet.getRow(i + 2).values as string[];
      return { unit: unit!, name: name!, username: username!, password: password! };
    });
    expect(credentials.map((c) => c.unit)).toEqual(planUnits);
    expect(credentials[0]!.name).toBe("孙八");
    expect(credentials[1]!.name).toBe(`${planUnits[1]}联络员`);
    for (const c of credentials) expect(c.password).toMatch(/^[A-Za-z2-9#%*!?]{12}$/);

    // The list shows them waiting for their first sign-in, without any password.
    const list = admin.locator('div[aria-label="账号列表"]');
    await list.getByText(`孙八（${planUnits[0]}）`).waitFor();
    for (const c of credentials) {
      const item = list.locator("div").filter({ hasText: ` ${c.username} · 单位联络员` }).last();
      expect(await item.textContent(), c.username).toContain("待首次登录");
    }
    expect(await list.textContent()).not.toContain(credentials[0]!.password);
    await shot(admin, "accounts-03-list");
  });

  test("a wrong password is refused with a plain line, and nothing else is said", async () => {
    const clerk = await openPane();
    await clerk.getByLabel("用户名").fill(credentials[0]!.username);
    await clerk.getByLabel(/^密码/).fill("Not-the-password-1");
    await clerk.getByRole("button", { name: "登录", exact: true }).click();
    await clerk.getByText("用户名或密码不正确。").waitFor();
    await shot(clerk, "accounts-04-wrong-password");
    await clerk.context().close();
  });

  let clerk: Page;

  test("the clerk's first sign-in asks for a new password in the pane, then opens the clerk's pane", async () => {
    const first = credentials[0]!;
    clerk = await openPane();
    await signInFirstTime(clerk, first.username, first.password);
    await clerk.getByText("设置新密码", { exact: true }).waitFor();
    await shot(clerk, "accounts-05-new-password");

    await clerk.getByLabel(/^新密码/).fill("Sunba-2026-pass");
    await clerk.getByLabel(/^确认新密码/).fill("Sunba-2026-pasS");
    await clerk.getByRole("button", { name: "设置新密码并登录" }).click();
    await clerk.getByText("两次输入的新密码不一致。").waitFor();
    await clerk.getByLabel(/^确认新密码/).fill("Sunba-2026-pass");
    await clerk.getByRole("button", { name: "设置新密码并登录" }).click();
    await clerk.getByText(`孙八 · 单位联络员 · ${first.unit}`, { exact: true }).waitFor();
    await clerk.getByText("本工作簿还没有台账").waitFor();
    await shot(clerk, "accounts-06-signed-in");
  });

  test("a bearer that has expired is renewed silently with the refresh token", async () => {
    const refreshes = countRefreshes(clerk);
    const saved = await session(clerk);
    // The pane believes its bearer is good; the server finds it expired (as after a laptop slept a while).
    await clerk.evaluate((s) => localStorage.setItem("taizhang.session", JSON.stringify(s)), { ...saved, bearer: await expired(saved.bearer) });
    await clerk.reload();
    await clerk.getByText("本工作簿还没有台账").waitFor();
    await expect.poll(() => refreshes.count).toBe(1);
    // The call the expired bearer was refused for went through once renewed: the plans are listed.
    await clerk.locator(`option[value="${PLAN_ID}"]`).waitFor({ state: "attached" });
    const renewed = await session(clerk);
    expect(renewed.refreshToken).not.toBe(saved.refreshToken);
    expect(decodeJwt(renewed.bearer).exp! * 1000).toBeGreaterThan(Date.now());
    await shot(clerk, "accounts-07-renewed");
  });

  test("a sign-in revoked elsewhere returns the clerk to the form with a plain line", async () => {
    const saved = await session(clerk);
    // Signed out from another computer (or expired): the refresh token no longer works.
    expect((await fetch(`${e2e.apiUrl}/auth/logout`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refreshToken: saved.refreshToken }) })).status).toBe(204);
    await clerk.evaluate((s) => localStorage.setItem("taizhang.session", JSON.stringify(s)), { ...saved, bearer: await expired(saved.bearer) });
    await clerk.reload();
    await clerk.getByText("登录已过期或已退出，请重新登录。").waitFor();
    await clerk.getByLabel("用户名").waitFor();
    expect(await session(clerk)).toBeNull();
    await shot(clerk, "accounts-08-ended");

    // Signing in again with the new password works; 退出登录 ends that sign-in on the server too.
    await clerk.getByLabel("用户名").fill(credentials[0]!.username);
    await clerk.getByLabel(/^密码/).fill("Sunba-2026-pass");
    await clerk.getByRole("button", { name: "登录", exact: true }).click();
    await clerk.getByText(`孙八 · 单位联络员 · ${credentials[0]!.unit}`, { exact: true }).waitFor();
    const again = await session(clerk);
    await clerk.getByRole("button", { name: "退出登录" }).click();
    await clerk.getByRole("button", { name: "登录", exact: true }).waitFor();
    await expect
      .poll(async () => (await fetch(`${e2e.apiUrl}/auth/refresh`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refreshToken: again.refreshToken }) })).status)
      .toBe(401);
    await shot(clerk, "accounts-09-signed-out");
  });
});

async function signInFirstTime(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel(/^密码/).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

function countRefreshes(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/auth/refresh")) seen.count++;
  });
  return seen;
}

/** The same person's token, signed with the stack's key, that ran out a minute ago. */
async function expired(bearer: string): Promise<string> {
  const { sub, role, unit, name, iss } = decodeJwt(bearer);
  const key = await loadOrCreateKey(e2e.dataDir);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role, unit, name }).setProtectedHeader({ alg: "HS256" }).setSubject(sub!).setIssuer(iss!).setIssuedAt(now - 700).setExpirationTime(now - 60).sign(key);
}

function planOf(): Plan {
  return Plan.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "seeds", "plans", `${PLAN_ID}.json`), "utf8")));
}
