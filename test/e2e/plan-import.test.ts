// Issue 11 end to end: the admin imports a Word plan in the built pane (Office.js replaced by the workbook
// double, the real API on DynamoDB Local), corrects the 方案 sheet in Excel, 检查方案 marks what is wrong, 发布
// shows what changes and publishes, a second 发布 makes version 2, and the same plan as a PDF is recognised as
// that plan; imported over the corrected 方案 sheet, the pane asks before replacing it, and a file too large for the
// API is refused before it is sent. Screenshots: test/artifacts/import-01 … import-10.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadOrCreateKey, signLocalToken } from "../../api/auth/local-tokens";
import { PLAN_SHEET_COLUMNS, PLAN_SHEET_HEADER } from "../../core/plan/plan-sheet";
import { launchBrowser, type Browser } from "./browser";
import { cellAt, e2e, openPane, printObservedSyncs, runCount, sheetValues, shot, signIn, syncsSince, typeCell } from "./pane";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "plans");
const TITLE = "东湖区2024年政务公开工作要点分工方案";
/** The 方案 sheet: header on row 4, task n on row 4 + n. */
const cell = (column: number, task: number) => `${String.fromCharCode(65 + column)}${4 + task}`;

let browser: Browser;
let admin: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  printObservedSyncs();
});

/** What the API has published with the plan's title, read as a script would (a token signed with the stack's key). */
async function publishedPlans(): Promise<Array<{ id: string; title: string; version: number }>> {
  const token = await signLocalToken(await loadOrCreateKey(e2e.dataDir), { role: "admin", sub: "e2e:check" }, "10m");
  const response = await fetch(`${e2e.apiUrl}/plans`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { plans: Array<{ id: string; title: string; version: number }> }).plans.filter((p) => p.title === TITLE);
}

describe("plan import: 导入方案 → 方案 sheet → 检查方案 → 发布", () => {
  test("the admin imports a Word file and the draft lands in the 方案 sheet", async () => {
    admin = await openPane(browser);
    await signIn(admin, e2e.people.admin);
    await admin.getByRole("tab", { name: "导入方案" }).waitFor();
    await shot(admin, "import-01-signed-in");

    await chooseFile(admin, join(FIXTURES, "donghu-2024.docx"));
    const from = await runCount(admin);
    await admin.getByRole("button", { name: "导入", exact: true }).click();
    await admin.getByText("已写入「方案」工作表").waitFor();
    expect(await syncsSince(admin, from, "导入")).toEqual([2]);

    const values = (await sheetValues(admin, "方案"))!;
    expect(values[0]![0]).toBe(`方案名称：${TITLE}`);
    expect(values[1]![0]).toBe("年度：2024");
    expect(values[3]).toEqual([...PLAN_SHEET_HEADER]);
    expect(values.slice(4).map((row) => row[0])).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(values[5]!.slice(PLAN_SHEET_COLUMNS.lead, PLAN_SHEET_COLUMNS.support + 1)).toEqual(["区政府办", "区司法局"]);
    expect(values[4]![PLAN_SHEET_COLUMNS.readAs]).toBe("2024-03-31前");
    await shot(admin, "import-02-plan-sheet");
  });

  test("the admin corrects the sheet; 检查方案 marks a missing lead and a deadline it cannot read, in place", async () => {
    await typeCell(admin, cell(PLAN_SHEET_COLUMNS.deadline, 5), "8月底前");
    await typeCell(admin, cell(PLAN_SHEET_COLUMNS.lead, 6), "");
    await typeCell(admin, cell(PLAN_SHEET_COLUMNS.deadline, 3), "看情况");

    const from = await runCount(admin);
    await admin.getByRole("button", { name: "检查方案" }).click();
    await admin.getByText("检查完毕：1 处错误，1 处提醒").waitFor();
    expect(await syncsSince(admin, from, "检查方案")).toEqual([2, 1, 1]);
    expect(await cellAt(admin, cell(PLAN_SHEET_COLUMNS.lead, 6))).toMatchObject({ fill: "#FFC7CE" });
    expect(await cellAt(admin, cell(PLAN_SHEET_COLUMNS.deadline, 3))).toMatchObject({ fill: "#FFEB9C" });
    expect(await cellAt(admin, cell(PLAN_SHEET_COLUMNS.readAs, 5))).toMatchObject({ value: "2024-08-31前" });
    expect(String((await cellAt(admin, cell(PLAN_SHEET_COLUMNS.problems, 6)))?.value)).toContain("没有写明牵头");
    await shot(admin, "import-03-checked");

    // 发布 with an error left: refused, nothing published.
    await admin.getByRole("button", { name: "发布", exact: true }).click();
    await admin.getByText(/还有 1 处错误/).waitFor();
    expect(await publishedPlans()).toEqual([]);
  });

  test("fixed, 检查方案 clears the marks, and 发布 shows the new plan and publishes it after confirmation", async () => {
    await typeCell(admin, cell(PLAN_SHEET_COLUMNS.lead, 6), "区生态环境分局");
    await typeCell(admin, cell(PLAN_SHEET_COLUMNS.deadline, 3), "每月10日前");
    await admin.getByRole("button", { name: "检查方案" }).click();
    await admin.getByText("检查通过").waitFor();
    expect((await cellAt(admin, cell(PLAN_SHEET_COLUMNS.lead, 6)))?.fill).toBeUndefined();
    expect((await cellAt(admin, cell(PLAN_SHEET_COLUMNS.problems, 6)))?.value).toBe("");
    await shot(admin, "import-04-check-passed");

    await admin.getByRole("button", { name: "发布", exact: true }).click();
    await admin.getByText(`将「${TITLE}」作为新方案发布（6 项任务`).waitFor();
    await shot(admin, "import-05-confirm-new");
    await admin.getByRole("button", { name: "确认发布" }).click();
    await admin.getByText(`「${TITLE}」已发布为第 1 版`).waitFor();
    expect(await publishedPlans()).toMatchObject([{ title: TITLE, version: 1 }]);
    await shot(admin, "import-06-published");
  });

  test("a change to the published plan is shown before it becomes version 2", async () => {
    await typeCell(admin, cell(PLAN_SHEET_COLUMNS.deadline, 5), "9月底前");
    await admin.getByRole("button", { name: "发布", exact: true }).click();
    await admin.getByText(`将「${TITLE}」发布为第 2 版：`).waitFor();
    const changes = admin.locator('div[aria-label="变化"]');
    await changes.getByText("新增 0 项，删除 0 项，修改 1 项").waitFor();
    await changes.getByText("修改 第5项：时限“8月底前”→“9月底前”").waitFor();
    await shot(admin, "import-07-confirm-change");
    await admin.getByRole("button", { name: "确认发布" }).click();
    await admin.getByText(`「${TITLE}」已发布为第 2 版`).waitFor();
    expect(await publishedPlans()).toMatchObject([{ title: TITLE, version: 2 }]);
  });

  test("the same plan as a PDF, imported over the corrected 方案 sheet: the pane asks, and 另存为 keeps the corrections", async () => {
    await chooseFile(admin, join(FIXTURES, "donghu-2024.pdf"));
    let from = await runCount(admin);
    await admin.getByRole("button", { name: "导入", exact: true }).click();
    await admin.getByText("「方案」工作表已有改动").waitFor();
    expect(await syncsSince(admin, from, "导入（先问）")).toEqual([1]);
    await admin.getByText("替换：用新读取的方案覆盖「方案」工作表，表中的改动将全部丢失。").waitFor();
    await shot(admin, "import-08-ask-before-replacing");

    from = await runCount(admin);
    await admin.getByRole("button", { name: "另存为「方案(2)」" }).click();
    await admin.getByText("已写入「方案(2)」工作表").waitFor();
    expect(await syncsSince(admin, from, "导入（另存）")).toEqual([2]);
    await admin.getByText(`「${TITLE}」已发布至第 2 版；这次发布将成为第 3 版。`).waitFor();
    // The corrections are where the admin left them; the PDF's draft is beside them.
    expect(await cellAt(admin, `'方案'!${cell(PLAN_SHEET_COLUMNS.deadline, 5)}`)).toMatchObject({ value: "9月底前" });
    const beside = (await sheetValues(admin, "方案(2)"))!;
    expect(beside.slice(4).map((row) => row[0])).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(beside[8]![PLAN_SHEET_COLUMNS.deadline]).not.toBe("9月底前");
    await shot(admin, "import-09-saved-beside");
    expect(await publishedPlans()).toHaveLength(1);

    // 检查方案 reads the sheet just written.
    await admin.getByRole("button", { name: "检查方案" }).click();
    await admin.getByText(/检查通过|检查完毕/).waitFor();
    expect(await cellAt(admin, "'方案(2)'!A1")).toMatchObject({ value: `方案名称：${TITLE}` });

    // Asked again (方案 still holds the corrections): 取消 writes nothing.
    await admin.getByRole("button", { name: "导入", exact: true }).click();
    await admin.getByRole("button", { name: "另存为「方案(3)」" }).waitFor();
    await admin.getByRole("button", { name: "取消" }).click();
    await admin.getByRole("button", { name: "另存为「方案(3)」" }).waitFor({ state: "detached" });
    expect(await sheetValues(admin, "方案(3)")).toBeFalsy();
    expect(await cellAt(admin, `'方案'!${cell(PLAN_SHEET_COLUMNS.deadline, 5)}`)).toMatchObject({ value: "9月底前" });
  });

  test("a file over the import's 4 MB is refused in the pane before it is sent, saying what to do", async () => {
    await chooseFile(admin, { name: "扫描版方案.docx", mimeType: "application/octet-stream", buffer: Buffer.alloc(5 * 1024 * 1024, 1) });
    await admin.getByRole("button", { name: "导入", exact: true }).click();
    await admin.getByText(/「扫描版方案.docx」有 5.0 MB，方案文件不能超过 4 MB/).waitFor();
    await admin.getByText(/删去图片后另存为 .docx/).waitFor();
    await shot(admin, "import-10-too-large");
  });
});

/** The admin clicks 选择方案文件… and picks the file in the system's file dialog. */
async function chooseFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "选择方案文件…" }).click();
  await (await chooser).setFiles(file);
  await page.getByText(`已选择：${typeof file === "string" ? file.split("/").pop() : file.name}`).waitFor();
}
