// 报送 on a unit's own sheet (issue 13, item 5): after 使用当前表 the sheet is checked and its rows sent as they
// are, and the server's rows come back into it without moving a column or rewording a cell that did not change.
import { beforeEach, describe, expect, it } from "vitest";
import type { LedgerRow } from "../../core/ledger/schema";
import { applyServerRows } from "../../addin/excel/apply-rows";
import { readBinding } from "../../addin/excel/binding";
import { checkSheet } from "../../addin/ui/check-sheet";
import { excelWorkbook } from "../../addin/ui/excel-workbook";
import { buildFixture } from "../fixtures/unit-sheets/build";
import { SHEET_PLAN, TODAY, UNIT } from "../fixtures/unit-sheets/plan";
import { UNIT_SHEETS } from "../fixtures/unit-sheets/sheets";
import { openInMock } from "./addin-from-xlsx";
import { MockWorkbook, type MockSheet } from "./addin-workbook-mock";

const fixture = (prefix: string) => UNIT_SHEETS.find((f) => f.file.startsWith(prefix))!;
const today = new Date(`${TODAY}T04:00:00Z`);

/** Opens a fixture, adopts its sheet as read, and returns the rows a 报送 would send. */
async function adopted(book: MockWorkbook, prefix: string): Promise<{ sheet: MockSheet; rows: LedgerRow[] }> {
  openInMock(book, buildFixture(fixture(prefix)));
  book.install();
  const preview = await excelWorkbook.previewAdoption(SHEET_PLAN, UNIT);
  await excelWorkbook.adopt(SHEET_PLAN, UNIT, preview, { choices: {}, add: [] });
  const checked = checkSheet(SHEET_PLAN, UNIT, await excelWorkbook.readRows(SHEET_PLAN, UNIT), today);
  return { sheet: book.sheet(preview.sheetName)!, rows: checked.rows.filter((r): r is LedgerRow => r !== undefined) };
}

const cells = (sheet: MockSheet) => new Map([...sheet.cells].map(([k, v]) => [k, JSON.stringify(v)]));
const changed = (sheet: MockSheet, before: Map<string, string>) =>
  [...new Set([...before.keys(), ...sheet.cells.keys()])].filter((k) => before.get(k) !== (sheet.cells.has(k) ? JSON.stringify(sheet.cells.get(k)) : undefined))
    .map((k) => { const [r, c] = k.split(",").map(Number) as [number, number]; return `${String.fromCharCode(65 + c)}${r + 1}`; })
    .sort();

describe("报送 on a unit's own sheet", () => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
  });

  it("writes nothing back when the server keeps the rows as sent, and stamps the version", async () => {
    const { sheet, rows } = await adopted(book, "01");
    const before = cells(sheet);
    const { binding, skipped } = await applyServerRows(rows, { version: 1 }, SHEET_PLAN);
    expect(book.runs.at(-1)).toBe(3);
    expect(changed(sheet, before)).toEqual([]);
    expect(skipped).toBe(0);
    expect(binding.version).toBe(1);
    expect((await readBinding())?.version).toBe(1);
  });

  it("writes only the cells whose meaning changed, and adds the server's new rows below, in the sheet's own columns", async () => {
    const { sheet, rows } = await adopted(book, "01");
    const before = cells(sheet);
    const server = rows.map((row) => (row.taskId === "3" ? { ...row, progress: "规划清单已公开" } : row));
    const five = server.find((r) => r.taskId === "5")!;
    server.splice(server.indexOf(five) + 1, 0, { ...five, continuation: true, progress: "解读图解已发布" });
    await applyServerRows(server, { version: 2 }, SHEET_PLAN);
    // F6 is task 3's 进展情况; row 15 is new, below the last row, in the ledger's columns only.
    expect(changed(sheet, before)).toEqual(["A15", "B15", "C15", "D15", "E15", "F15", "F6", "G15"]);
    expect(sheet.cell(6, 5)?.value).toBe("规划清单已公开");
    expect(sheet.cell(15, 0)?.value).toBe("5（续）");
    // What the unit typed stays as typed: 2022.6.20, 完成 and the rest were read, not rewritten.
    expect(sheet.cell(5, 7)?.value).toBe("2022.6.20");
    expect(sheet.cell(7, 6)?.value).toBe("完成");
  });

  it("keeps a 是否完成 column in 是/否 and writes a new completion date as a date", async () => {
    const { sheet, rows } = await adopted(book, "04");
    const before = cells(sheet);
    const server = rows.map((row) => (row.taskId === "3" ? { ...row, status: "已完成" as const, doneOn: "2022-07-12" } : row));
    await applyServerRows(server, { version: 2 }, SHEET_PLAN);
    expect(changed(sheet, before)).toEqual(["H3", "I3"]);
    expect(sheet.cell(3, 7)?.value).toBe("是");
    expect(sheet.cell(3, 8)).toMatchObject({ value: 44754, format: "yyyy-mm-dd" });
  });

  it("leaves a merged cell whole and says so, rather than splitting what the unit merged", async () => {
    const { sheet, rows } = await adopted(book, "05");
    const before = cells(sheet);
    const server = rows.map((row) => (row.taskId === "3" ? { ...row, leader: "王军" } : row));
    const { skipped } = await applyServerRows(server, { version: 2 }, SHEET_PLAN);
    expect(skipped).toBe(1);
    expect(changed(sheet, before)).toEqual([]);
  });

  it("empties the ledger's cells of a row the server no longer has, and nothing else of it", async () => {
    const { sheet, rows } = await adopted(book, "09");
    const before = cells(sheet);
    // The further row on sheet row 6 (task 1's fourth row) was dropped when a conflict was settled.
    const server = rows.filter((_, i) => i !== 3);
    await applyServerRows(server, { version: 3 }, SHEET_PLAN);
    expect(changed(sheet, before)).toEqual(["F6", "G6", "H6"]);
    expect([5, 6, 7].map((c) => sheet.cell(6, c)?.value)).toEqual(["", "", ""]);
  });

  it("takes as many syncs on 1,000 rows as on 10", async () => {
    const syncsFor = async (n: number) => {
      const fresh = new MockWorkbook();
      const sheet = fresh.addSheet("我们的台账");
      ["编号", "工作内容", "完成时限", "承办科室", "责任领导", "是否完成"].forEach((h, c) => sheet.set(1, c, { value: h }));
      const plan = { ...SHEET_PLAN, tasks: Array.from({ length: n }, (_, i) => ({ ...SHEET_PLAN.tasks[0]!, id: String(i + 1), no: String(i + 1), text: `第${i + 1}项：做好房地产市场监管信息公开` })) };
      for (let r = 0; r < n; r++) ["否", "综合科", "张伟", "长期", `第${r + 1}项：做好房地产市场监管信息公开`, String(r + 1)].reverse().forEach((v, c) => sheet.set(r + 2, c, { value: v, format: "@" }));
      fresh.install();
      const preview = await excelWorkbook.previewAdoption(plan, UNIT);
      await excelWorkbook.adopt(plan, UNIT, preview, { choices: {}, add: [] });
      const rows = checkSheet(plan, UNIT, await excelWorkbook.readRows(plan, UNIT), today).rows.filter((r): r is LedgerRow => r !== undefined);
      expect(rows).toHaveLength(n);
      const from = fresh.runs.length;
      await applyServerRows(rows.map((r) => ({ ...r, status: "已完成" as const, doneOn: "2022-07-01" })), { version: 1 }, plan);
      expect(sheet.cell(n + 1, 5)?.value).toBe("是");
      return fresh.runs.slice(from);
    };
    const ten = await syncsFor(10);
    expect(ten).toEqual([3]);
    expect(await syncsFor(1000)).toEqual(ten);
  });
});
