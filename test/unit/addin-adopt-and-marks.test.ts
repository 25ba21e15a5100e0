import { beforeEach, describe, expect, it } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { Finding } from "../../core/ledger/schema";
import { adoptSheet } from "../../addin/excel/adopt";
import { readBinding } from "../../addin/excel/binding";
import { createLedgerSheet } from "../../addin/excel/create-ledger";
import { MARK_FILL, clearMarks, markFindings, marksFor, placesOfLedger, placesOfReading, selectCell } from "../../addin/excel/marks";
import { layoutOfReading } from "../../addin/excel/adopt";
import { readSheet } from "../../core/sheet/read-sheet";
import { readActiveSheet, readLedger } from "../../addin/excel/sheet-grid";
import { MockWorkbook, type MockSheet } from "./addin-workbook-mock";
import { planWith } from "./addin-fixtures";

/** A unit's own sheet as they arrive: a title, a blank row, the header on row 3, a date typed as a date, a gap. */
function messySheet(book: MockWorkbook): MockSheet {
  const sheet = book.addSheet("财政局台账");
  sheet.set(1, 0, { value: "区财政局2025年政务公开台账" });
  ["序号", "工作任务", "责任科室（单位）", "完成时间", "备注"].forEach((h, c) => sheet.set(3, c, { value: h }));
  sheet.set(4, 0, { value: "1" });
  sheet.set(4, 1, { value: "公开预决算" });
  sheet.set(4, 2, { value: "预算科", fill: "#00FF00" });
  sheet.set(4, 3, { value: 45797, format: "yyyy/m/d" });
  sheet.set(6, 0, { value: "2" });
  sheet.set(6, 1, { value: "做好依申请公开" });
  return sheet;
}

const snapshot = (sheet: MockSheet) => new Map([...sheet.cells].map(([k, v]) => [k, { ...v }]));

describe("使用当前表: reading and adopting a unit's own sheet", () => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
    book.install();
  });

  it("reads the active sheet's used range with its place, dates as dates", async () => {
    messySheet(book);
    const grid = await readActiveSheet();
    expect(grid).toMatchObject({ sheet: "财政局台账", firstRow: 1, firstColumn: 0 });
    expect(grid.values[2]).toEqual(["序号", "工作任务", "责任科室（单位）", "完成时间", "备注"]);
    expect(grid.values[3]).toEqual(["1", "公开预决算", "预算科", "2025-05-20", ""]);
    expect(grid.values[4]).toEqual(["", "", "", "", ""]);
    expect(book.syncs).toBe(1);
  });

  it("writes only the confirmed cells, binds the sheet, and leaves every other cell as it was", async () => {
    const sheet = messySheet(book);
    const before = snapshot(sheet);
    const binding = await adoptSheet({
      planId: "demo-2025", unit: "区财政局", planVersion: 3, sheet: "财政局台账", headerRow: 3,
      columns: { no: 0, task: 1, office: 2, doneOn: 3, note: 4, status: 5 },
      edits: [{ row: 3, column: 5, value: "完成状态" }, { row: 4, column: 5, value: "已完成" }, { row: 6, column: 3, value: "2025-06-01" }],
      statusDropDownTo: 6,
    });

    expect(sheet.cell(3, 5)?.value).toBe("完成状态");
    expect(sheet.cell(4, 5)?.value).toBe("已完成");
    expect(sheet.cell(6, 3)).toMatchObject({ value: 45809, format: "yyyy-mm-dd" });
    const changed = [...sheet.cells].filter(([k, v]) => JSON.stringify(before.get(k)) !== JSON.stringify(v)).map(([k]) => k);
    expect(changed.sort()).toEqual(["2,5", "3,5", "5,3"]);
    expect(sheet.validations.map((v) => v.address)).toEqual(["财政局台账!F4:F6"]);
    expect(await readBinding()).toEqual(binding);
    expect(book.runs[0]).toBe(1);
  });

  it("reads the bound ledger's rows by the adopted layout, with their sheet rows", async () => {
    messySheet(book);
    await adoptSheet({ planId: "demo-2025", unit: "区财政局", planVersion: 3, sheet: "财政局台账", headerRow: 3, columns: { no: 0, task: 1, office: 2, doneOn: 3 }, edits: [] });
    const ledger = await readLedger();
    expect(ledger.rows).toEqual([
      { sheetRow: 4, cells: { no: "1", task: "公开预决算", office: "预算科", doneOn: "2025-05-20" } },
      { sheetRow: 6, cells: { no: "2", task: "做好依申请公开", office: "", doneOn: "" } },
    ]);
  });

  it("adopts with the header and columns core's readSheet found, and marks findings where that reading put them", async () => {
    const sheet = messySheet(book);
    const grid = await readActiveSheet();
    const reading = readSheet(grid.values, planWith(2), "区财政局");
    const layout = layoutOfReading(grid, reading);
    expect(layout.headerRow).toBe(3);
    expect(layout.columns).toMatchObject({ no: 0, task: 1, office: 2 });
    await adoptSheet({ planId: "demo-2025", unit: "区财政局", planVersion: 3, sheet: grid.sheet, ...layout, edits: [] });
    expect((await readBinding())?.headerRow).toBe(3);

    const places = placesOfReading(grid, reading);
    const second = reading.rowNumbers.findIndex((index) => grid.values[index]?.[1] === "做好依申请公开");
    await markFindings(marksFor([{ row: second, column: "task", severity: "error", code: "t", message: "请核对任务" }], places));
    expect(sheet.cell(6, 1)?.fill).toBe(MARK_FILL.error);
  });

  it("says what to do when the workbook has no 台账 yet", async () => {
    messySheet(book);
    await expect(readLedger()).rejects.toThrow("请先新建台账或使用当前表");
  });
});

describe("检查: marks on the sheet", () => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
    book.addSheet("Sheet1");
    book.install();
  });

  const finding = (row: number, column: string | null, severity: Finding["severity"], message: string): Finding =>
    ({ row, column, severity, code: "test", message });

  it("fills and comments the cells of the findings, then clears those fixed and keeps the clerk's own comment", async () => {
    const plan = planWith(3);
    await createLedgerSheet(plan, "区财政局", ledgerFor(plan, "区财政局"));
    book.comments.push({ sheet: "台账", row: 4, col: 1, content: "联络员自己的批注" });
    const ledger = await readLedger();

    await markFindings(marksFor([
      finding(0, "progress", "error", "第1行「进展情况」不能为空"),
      finding(0, "progress", "warning", "第1行「进展情况」过短"),
      finding(2, "task", "warning", "第3行任务与方案不一致"),
    ], placesOfLedger(ledger)));
    const sheet = book.sheet("台账")!;
    expect(sheet.cell(3, 7)?.fill).toBe(MARK_FILL.error);
    expect(sheet.cell(5, 1)?.fill).toBe(MARK_FILL.warning);
    expect(book.comments).toContainEqual({ sheet: "台账", row: 2, col: 7, content: "【台账检查】第1行「进展情况」不能为空\n第1行「进展情况」过短" });
    expect(book.comments).toContainEqual({ sheet: "台账", row: 4, col: 1, content: "联络员自己的批注" });

    // The first row was fixed; the third still has its problem.
    await markFindings(marksFor([finding(2, "task", "warning", "第3行任务与方案不一致")], placesOfLedger(ledger)));
    expect(sheet.cell(3, 7)?.fill).toBeUndefined();
    expect(sheet.cell(5, 1)?.fill).toBe(MARK_FILL.warning);
    expect(book.comments.map((c) => c.content)).toEqual(["联络员自己的批注"]);

    await clearMarks();
    expect(sheet.cell(5, 1)?.fill).toBeUndefined();
    expect(book.comments.map((c) => c.content)).toEqual(["联络员自己的批注"]);
  });

  it("selects a finding's cell on its sheet", async () => {
    book.addSheet("台账");
    await selectCell("台账", 7, 2);
    expect(book.selection).toEqual({ sheet: "台账", address: "台账!C7" });
    expect(book.active).toBe("台账");
  });

  it("reads the ledger and marks its findings in as many syncs for 1,000 rows as for 10", async () => {
    const syncsFor = async (n: number) => {
      const fresh = new MockWorkbook();
      fresh.addSheet("Sheet1");
      fresh.install();
      const plan = planWith(n);
      await createLedgerSheet(plan, "区财政局", ledgerFor(plan, "区财政局"));
      const from = fresh.runs.length;
      const ledger = await readLedger();
      expect(ledger.rows).toHaveLength(n);
      await markFindings(marksFor(ledger.rows.map((_, i) => finding(i, "progress", "error", "进展情况不能为空")), placesOfLedger(ledger)));
      expect(fresh.comments).toHaveLength(n);
      await clearMarks();
      expect(fresh.comments).toHaveLength(0);
      return fresh.runs.slice(from);
    };
    const ten = await syncsFor(10);
    expect(ten).toEqual([2, 3, 3]);
    expect(await syncsFor(1000)).toEqual(ten);
  });
});
