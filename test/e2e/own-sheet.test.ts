// Issue 13 end to end: 建设局's clerk keeps the 台账 in the unit's own layout — a 填表说明 first, then a sheet with
// a title, a 填报单位 line, a two-row header (落实情况 over 具体措施 and 进展情况), 重点工作, 责任人, 是否完成, 办结日期
// written as 6月18日, a merged 责任科室 and a 联系电话 column. 使用当前表 finds the sheet and shows how each column is
// read; the clerk says 责任人 is not the 分管领导 and asks for that column; 检查 and 报送 then work on the sheet as
// it is: no column moves, no cell the clerk typed is rewritten. Screenshots: test/artifacts/own-*.png.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { Plan } from "../../core/plan/schema";
import { launchBrowser, type Browser } from "./browser";
import { cellAt, e2e, openPane, printObservedSyncs, runCount, sheetValues, shot, signIn, syncsSince } from "./pane";

const PLAN_ID = "zibo-gxq-2022";
const UNIT = "建设局";
const SHEET = "重点工作台账";
const plan = Plan.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "seeds", "plans", `${PLAN_ID}.json`), "utf8")));
const rows = ledgerFor(plan, UNIT);
const FIRST = 5; // the first task's sheet row: title, 填报单位, and a header over rows 3–4 above it
const LAST = FIRST + rows.length - 1;
const DONE = new Set(["1", "17", "61"]);

type Cell = { value: string | number; numberFormat?: string } | null;

/** The unit's workbook as it arrives: a 填表说明 sheet, then the ledger in the unit's own layout. */
function unitWorkbook() {
  const text = (value: string | number): Cell => ({ value });
  const cells: Cell[][] = [
    [text("高新区建设局2022年政务公开重点工作台账")],
    [text("填报单位：建设局（盖章）"), null, null, null, null, text("填报日期：2022年7月10日")],
    ["序号", "重点工作", "时限要求", "责任科室", "责任人", "落实情况", null, "是否完成", "办结日期", "联系电话"].map((v) => (v ? text(v) : null)),
    [null, null, null, null, null, text("具体措施"), text("进展情况")],
  ];
  rows.forEach((row, i) => {
    const done = DONE.has(row.no);
    const started = done || i % 3 === 0;
    cells.push([
      text(Number(row.no)),
      text(row.task),
      text(row.deadline),
      i >= 1 && i <= 5 ? (i === 1 ? text("住房保障科") : null) : text(row.role === "牵头" ? "住房保障科" : "综合科"),
      text(i % 2 ? "李娜" : "王强"),
      started ? text("明确专人负责，按月梳理公开") : null,
      started ? text(done ? "已按要求公开" : "正在推进") : null,
      text(done ? "是" : "否"),
      done ? (row.no === "17" ? { value: 44730, numberFormat: "yyyy/m/d" } : text("6月18日")) : null,
      i === 0 ? text("0533-1234567") : null,
    ]);
  });
  const merges = ["A1:J1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3", "H3:H4", "I3:I4", "J3:J4", `D${FIRST + 1}:D${FIRST + 5}`];
  return [
    { name: "填表说明", cells: [[text("填表说明")], [text("1. 序号、重点工作按方案填写，不得改动。")], [text("2. 是否完成填写“是”或“否”，已完成的请填写办结日期。")]], merges: [] },
    { name: SHEET, cells, merges },
  ];
}

let browser: Browser;
let page: Page;
const puts: Array<{ baseVersion: number; rows: Array<Record<string, unknown>> }> = [];
let asTyped: Array<Array<string | number | boolean>>;
const ledgerColumns = (values: Array<Array<string | number | boolean>>) => values.map((line) => line.slice(0, 10));
const merges = () => page.evaluate((s) => window.__workbookDouble.model.sheet(s)!.merges.map((m) => `${m.row},${m.col},${m.rows},${m.cols}`), SHEET);

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  printObservedSyncs();
});

describe("使用当前表 on a unit's own 台账", () => {
  test("the clerk opens the unit's workbook and signs in", async () => {
    page = await openPane(browser);
    page.on("request", (request: Request) => {
      if (request.method() === "PUT" && request.url().endsWith("/ledger")) puts.push(request.postDataJSON());
    });
    await page.evaluate(([sheets]) => window.__workbookDouble.open(sheets, "填表说明"), [unitWorkbook()] as const);
    await signIn(page, e2e.people.sheetClerk);
    await page.getByText("本工作簿还没有台账").waitFor();
    await page.getByRole("combobox", { name: "方案" }).selectOption(PLAN_ID);
    asTyped = (await sheetValues(page, SHEET))!;
    await shot(page, "own-01-workbook");
  });

  test("使用当前表 finds the ledger behind the 填表说明 and shows how every column is read", async () => {
    const from = await runCount(page);
    await page.getByRole("button", { name: "使用当前表" }).click();
    const review = page.getByLabel("使用当前表");
    await review.getByText("表头在第3–4行。各列对应台账的哪一项（可更改）：").waitFor();
    expect(await syncsSince(page, from, "使用当前表（读取工作簿）")).toEqual([2, 1]);
    expect(await review.getByRole("combobox", { name: "台账所在的工作表" }).inputValue()).toBe(SHEET);
    const column = (title: string) => review.getByRole("combobox", { name: title });
    expect(await column("B 重点工作").inputValue()).toBe("task");
    expect(await column("D 责任科室").inputValue()).toBe("office");
    expect(await column("E 责任人").inputValue()).toBe("leader");
    expect(await column("F 落实情况/具体措施").inputValue()).toBe("measures");
    expect(await column("G 落实情况/进展情况").inputValue()).toBe("progress");
    expect(await column("H 是否完成").inputValue()).toBe("status");
    expect(await column("I 办结日期").inputValue()).toBe("doneOn");
    expect(await column("J 联系电话").inputValue()).toBe("");
    await review.getByText("按“是/否”读取").waitFor();
    await review.getByText(`行：${rows.length} 行中 ${rows.length} 行对应到方案任务`).waitFor();
    await review.getByText("表格内容不做任何改动。", { exact: false }).waitFor();
    await shot(page, "own-02-mapping");
  });

  test("the clerk says 责任人 is not the 分管领导, and asks for a 分管领导 column", async () => {
    const review = page.getByLabel("使用当前表");
    await review.getByRole("combobox", { name: "E 责任人" }).selectOption("");
    await review.getByText("缺少「分管领导」列").waitFor();
    await review.getByRole("checkbox", { name: "在表格最右侧补上「分管领导」列" }).check();
    await review.getByText("将在最右侧新增「分管领导」列，表头写在第4行。", { exact: false }).waitFor();
    await shot(page, "own-03-corrected");

    const from = await runCount(page);
    await review.getByRole("button", { name: "确认使用" }).click();
    await page.getByText("报送情况：尚未报送").waitFor();
    expect(await syncsSince(page, from, "确认使用")).toEqual([1]);
    const after = (await sheetValues(page, SHEET))!;
    // Every cell the unit had is as it was; the one new column is K, its header on the header's last row.
    expect(ledgerColumns(after)).toEqual(ledgerColumns(asTyped));
    expect(after.map((line) => line[10] ?? "")).toEqual(["", "", "", "分管领导", ...rows.map(() => "")]);
    expect(await cellAt(page, `${SHEET}!K${FIRST}`)).toMatchObject({ value: "" });
    expect(await merges()).toContain(`${FIRST},3,5,1`);
    await shot(page, "own-04-adopted");
  });

  test("检查 reads the sheet as it is: the empty 分管领导 cells, the columns kept, 是/否 read as status", async () => {
    const from = await runCount(page);
    await page.getByRole("button", { name: "检查", exact: true }).click();
    const results = page.getByRole("list", { name: "检查结果" });
    await results.waitFor();
    expect(await syncsSince(page, from, "检查（单位自己的表）")).toEqual([2, 3]);
    // A blank 分管领导 is a reminder (附件3's own example leaves it blank); the column itself was required.
    await page.getByText(/(?<!\d)0 处错误/).waitFor();
    await results.getByText("「责任人」「联系电话」列不是台账的列，已原样保留，不检查。", { exact: false }).waitFor();
    await results.getByText("「是否完成」列按“是”为已完成", { exact: false }).waitFor();
    await results.getByRole("button", { name: new RegExp(`^提醒 · 分管领导 第${FIRST}行「分管领导」为空`) }).waitFor();
    expect(await cellAt(page, `${SHEET}!K${FIRST}`)).toMatchObject({ fill: "#FFEB9C" });
    // 住房保障科 merged down D6:D10 holds for each of those rows: no 责任科室 is missing.
    expect(await results.getByText(/「责任科室」为空/).count()).toBe(0);
    expect(ledgerColumns((await sheetValues(page, SHEET))!)).toEqual(ledgerColumns(asTyped));
    await shot(page, "own-05-checked");
  });

  test("the clerk fills the 分管领导 column, 检查 passes, and 报送 sends the sheet without changing it", async () => {
    await page.evaluate(([at, block]) => window.__workbookDouble.paste(at, block), [`${SHEET}!K${FIRST}`, rows.map(() => ["刘军"])] as const);
    await page.getByRole("button", { name: "检查", exact: true }).click();
    await expect.poll(async () => (await cellAt(page, `${SHEET}!K${FIRST}`))?.fill).toBeUndefined();
    await page.getByText(/(?<!\d)0 处错误/).waitFor();
    expect(await cellAt(page, `${SHEET}!K${FIRST}`)).toMatchObject({ fill: undefined, note: undefined });
    await shot(page, "own-06-fixed");
    const before = (await sheetValues(page, SHEET))!;

    const from = await runCount(page);
    await page.getByRole("button", { name: "报送", exact: true }).click();
    await page.getByText(`报送 ${rows.length} 行，办公室已可看到。`).waitFor();
    expect(await syncsSince(page, from, "报送（单位自己的表）")).toEqual([2, 3, 3]);
    expect(puts).toHaveLength(1);
    const sent = puts[0]!.rows;
    expect(sent).toHaveLength(rows.length);
    expect(sent[0]).toMatchObject({ no: "1", status: "已完成", doneOn: "2022-06-18", leader: "刘军", office: "住房保障科" });
    expect(sent.find((r) => r.no === "17")).toMatchObject({ status: "已完成", doneOn: "2022-06-18" });
    expect(sent[1]).toMatchObject({ office: "住房保障科", status: "未开始" });
    expect(sent[3]).toMatchObject({ office: "住房保障科", status: "推进中" });
    // The server kept the rows as sent: nothing in the sheet is rewritten, not even 是 or 6月18日.
    expect(await sheetValues(page, SHEET)).toEqual(before);
    expect(await cellAt(page, `${SHEET}!H${FIRST}`)).toMatchObject({ value: "是" });
    expect(await cellAt(page, `${SHEET}!I${FIRST}`)).toMatchObject({ value: "6月18日" });
    expect(await merges()).toContain(`${FIRST},3,5,1`);
    await shot(page, "own-07-sent");
    expect(LAST).toBe(FIRST + rows.length - 1);
  });
});
