import { beforeEach, describe, expect, it } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { Finding } from "../../core/ledger/schema";
import type { LedgerField } from "../../core/sheet/columns";
import { sheetAdoption } from "../../core/sheet/adoption";
import { pickLedgerSheet } from "../../core/sheet/pick-sheet";
import { readBoundSheet, readSheet } from "../../core/sheet/read-sheet";
import { adoptSheet } from "../../addin/excel/adopt";
import { applyServerRows } from "../../addin/excel/apply-rows";
import { checkLedger } from "../../core/validate/validate";
import type { LedgerRow } from "../../core/ledger/schema";
import { readBinding } from "../../addin/excel/binding";
import { createLedgerSheet } from "../../addin/excel/create-ledger";
import { MARK_FILL, clearMarks, markFindings, marksFor, placesOfReading, selectCell } from "../../addin/excel/marks";
import { gridCells, readLedger, readSheetGrid, scanWorkbook } from "../../addin/excel/sheet-grid";
import { MockWorkbook, type MockSheet } from "./addin-workbook-mock";
import { planWith } from "./addin-fixtures";

/** A unit's own sheet as they arrive: a title, a blank row, the header on row 3, a date typed as a date, a gap. */
function messySheet(book: MockWorkbook): MockSheet {
  const sheet = book.addSheet("财政局台账");
  sheet.set(1, 0, { value: "区财政局2025年政务公开台账" });
  ["序号", "工作任务", "责任科室（单位）", "完成时间", "备注"].forEach((h, c) => sheet.set(3, c, { value: h }));
  sheet.set(4, 0, { value: "1.10", format: "@" });
  sheet.set(4, 1, { value: "公开预决算" });
  sheet.set(4, 2, { value: "预算科", fill: "#00FF00" });
  sheet.set(4, 3, { value: 45797, format: "yyyy/m/d" });
  sheet.set(6, 0, { value: "2", format: "@" });
  sheet.set(6, 1, { value: "做好依申请公开" });
  return sheet;
}

const snapshot = (sheet: MockSheet) => new Map([...sheet.cells].map(([k, v]) => [k, { ...v }]));
const changedCells = (sheet: MockSheet, before: Map<string, unknown>) =>
  [...sheet.cells].filter(([k, v]) => JSON.stringify(before.get(k)) !== JSON.stringify(v)).map(([k]) => k).sort();

describe("使用当前表: reading and adopting a unit's own sheet", () => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
    book.install();
  });

  it("looks at the top of every sheet, finds the ledger behind a 填表说明, and reads it whole with its merges", async () => {
    const notes = book.addSheet("填表说明");
    notes.set(1, 0, { value: "1. 序号、工作任务按方案填写，不得改动。" });
    const sheet = messySheet(book);
    sheet.merge("A1:E1");
    const scan = await scanWorkbook();
    expect(scan.active).toBe("填表说明");
    expect(scan.sheets.map((s) => s.name)).toEqual(["填表说明", "财政局台账"]);
    expect(book.syncs).toBe(2);

    const picked = pickLedgerSheet(scan.sheets, planWith(2), "区财政局", { active: scan.active })!;
    expect(picked.reading.sheet).toBe("财政局台账");
    expect(picked.candidates.map((c) => [c.name, c.score > 0])).toEqual([["财政局台账", true], ["填表说明", false]]);

    const grid = await readSheetGrid("财政局台账");
    expect(grid).toMatchObject({ sheet: "财政局台账", firstRow: 1, firstColumn: 0, merges: [{ row: 0, col: 0, rows: 1, cols: 5 }] });
    expect(grid.values[3]).toEqual(["1.10", "公开预决算", "预算科", "2025-05-20", ""]);
    expect(book.runs.at(-1)).toBe(1);
  });

  it("reads a sheet without its merged areas when Excel cannot list them, in one more sync", async () => {
    messySheet(book).merge("A1:E1");
    book.mergedAreasFail = true;
    const grid = await readSheetGrid("财政局台账");
    expect(grid.merges).toBeUndefined();
    expect(grid.values[3]?.[1]).toBe("公开预决算");
    expect(book.runs.at(-1)).toBe(2);
  });

  /** 使用当前表 on the messy sheet, adding `add`: what the pane does on 确认使用. */
  const adoptMessy = async (add: LedgerField[]) => {
    const plan = planWith(2);
    const reading = readSheet(gridCells(await readSheetGrid("财政局台账")), plan, "区财政局");
    const adoption = sheetAdoption(reading, plan, "区财政局", add, 5);
    const binding = await adoptSheet({
      plan: { ...plan, version: 3 }, unit: "区财政局", sheet: "财政局台账", headerTop: 3, headerRow: 3,
      columns: adoption.columns, labels: adoption.labels, forms: adoption.forms, added: adoption.added, writes: adoption.writes, lastRow: adoption.lastRow + 1,
    });
    return { reading, binding };
  };

  it("binds the sheet as read and writes nothing at all when the clerk adds no column", async () => {
    const sheet = messySheet(book);
    const before = snapshot(sheet);
    const { binding } = await adoptMessy([]);
    expect(changedCells(sheet, before)).toEqual([]);
    expect(binding).toMatchObject({ sheet: "财政局台账", headerRow: 3, columns: { no: 0, task: 1, office: 2, doneOn: 3, note: 4 } });
    expect(binding.table).toBeUndefined();
    expect(await readBinding()).toEqual(binding);
    expect(book.runs.at(-1)).toBe(1);
  });

  it("adds the columns the clerk asked for to the right of everything, numbers and deadlines filled from the plan", async () => {
    const sheet = messySheet(book);
    const before = snapshot(sheet);
    const { reading } = await adoptMessy(["deadline", "status"]);
    expect(reading.missing).toEqual(expect.arrayContaining(["deadline", "leader", "status"]));
    expect(changedCells(sheet, before)).toEqual(["2,5", "2,6", "3,5", "3,6", "4,5", "4,6", "5,5", "5,6"]);
    expect([sheet.cell(3, 5)?.value, sheet.cell(3, 6)?.value]).toEqual(["时限要求", "完成状态"]);
    expect(sheet.cell(4, 5)).toMatchObject({ value: "6月底前", format: "@" });
    expect(sheet.cell(6, 5)?.value).toBe("6月底前");
    expect(sheet.cell(4, 6)).toMatchObject({ value: "", format: "@" });
    expect(sheet.validations.map((v) => v.address)).toEqual(["财政局台账!G4:G6"]);
    expect((await readBinding())?.columns).toMatchObject({ deadline: 5, status: 6 });
  });

  it("reads the bound ledger by its remembered layout, and says so when a header it knew is gone", async () => {
    const sheet = messySheet(book);
    const plan = planWith(2);
    const labels = { no: "序号", task: "工作任务", office: "责任科室（单位）", doneOn: "完成时间" };
    await adoptSheet({ plan: { ...plan, version: 3 }, unit: "区财政局", sheet: "财政局台账", headerTop: 3, headerRow: 3, columns: { no: 0, task: 1, office: 2, doneOn: 3 }, labels, forms: {}, added: [], writes: [], lastRow: 6 });
    sheet.set(3, 2, { value: "科室" });
    const { binding, grid } = await readLedger();
    const reading = readBoundSheet(gridCells(grid), plan, "区财政局", binding);
    expect(reading.rows).toEqual([
      { no: "1.10", task: "公开预决算", office: "预算科", doneOn: "2025-05-20" },
      { no: "2", task: "做好依申请公开", office: "", doneOn: "" },
    ]);
    expect(reading.rowNumbers.map((r) => r + 1)).toEqual([4, 6]);
    expect(reading.columns.find((c) => c.field === "office")?.label).toBe("科室");
    expect(reading.findings.map((f) => [f.code, f.message])).toEqual([
      ["header-changed", "「责任科室（单位）」列的表头已改动或找不到，仍按原来的第C列读取为「责任科室」；如不对，请重新使用当前表。"],
      ["extra-columns", "「备注」列不是台账的列，已原样保留，不检查。"],
    ]);
    expect(book.runs.at(-1)).toBe(2);
  });

  it("follows a column the clerk moved by inserting one, and remembers where it went at the next 报送", async () => {
    const sheet = messySheet(book);
    const { binding } = await adoptMessy([]);
    // The clerk inserts a 联系人 column before 完成时间: 完成时间 and 备注 move one to the right.
    for (const row of [3, 4, 6]) {
      for (const col of [4, 3]) sheet.set(row, col + 1, { ...sheet.cell(row, col)! });
      sheet.set(row, 3, { value: row === 3 ? "联系人" : "李四", format: "General" });
    }
    const { grid } = await readLedger();
    const plan = planWith(2);
    const reading = readBoundSheet(gridCells(grid), plan, "区财政局", binding);
    expect(reading.columns.map((c) => [c.label, c.field ?? null])).toEqual([
      ["序号", "no"], ["工作任务", "task"], ["责任科室（单位）", "office"], ["联系人", null], ["完成时间", "doneOn"], ["备注", "note"],
    ]);
    expect(reading.rows[0]).toMatchObject({ doneOn: "2025-05-20" });
    const rows = checkLedger(plan, "区财政局", reading.rows, { today: "2025-07-01", sheet: reading.shape }).rows.filter((r): r is LedgerRow => r !== undefined);
    const { binding: after } = await applyServerRows(rows.map((r) => ({ ...r, note: "已核对" })), { version: 1 }, plan);
    expect(after.columns).toMatchObject({ doneOn: 4, note: 5 });
    expect([sheet.cell(4, 5)?.value, sheet.cell(4, 3)?.value]).toEqual(["已核对", "李四"]);
  });

  it("marks findings where the reading put them", async () => {
    const sheet = messySheet(book);
    const reading = readSheet(gridCells(await readSheetGrid("财政局台账")), planWith(2), "区财政局");
    const second = reading.rowNumbers.indexOf(5);
    await markFindings(marksFor([{ row: second, column: "task", severity: "error", code: "t", message: "请核对任务" }], placesOfReading(reading)));
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
  const placesOfBound = async () => {
    const { binding, grid } = await readLedger();
    return placesOfReading(readBoundSheet(gridCells(grid), planWith(1000), "区财政局", binding));
  };

  it("fills the cells of the findings and notes their messages, then clears those fixed and keeps the clerk's own note", async () => {
    const plan = planWith(3);
    await createLedgerSheet(plan, "区财政局", ledgerFor(plan, "区财政局"));
    book.notes.push({ sheet: "台账", row: 5, col: 1, content: "联络员自己的批注" });
    const places = await placesOfBound();

    await markFindings(marksFor([
      finding(0, "progress", "error", "第1行「进展情况」不能为空"),
      finding(0, "progress", "warning", "第1行「进展情况」过短"),
      finding(2, "task", "warning", "第3行任务与方案不一致"),
    ], places));
    const sheet = book.sheet("台账")!;
    expect(sheet.cell(4, 7)?.fill).toBe(MARK_FILL.error);
    expect(sheet.cell(6, 1)?.fill).toBe(MARK_FILL.warning);
    expect(book.notes).toContainEqual({ sheet: "台账", row: 3, col: 7, content: "【台账检查】第1行「进展情况」不能为空\n【台账检查】第1行「进展情况」过短" });
    // The clerk's own note on the third row's task stays as it is; the fill and the pane say what is wrong there.
    expect(book.notes).toContainEqual({ sheet: "台账", row: 5, col: 1, content: "联络员自己的批注" });

    // The first row was fixed; the third still has its problem.
    await markFindings(marksFor([finding(2, "task", "warning", "第3行任务与方案不一致")], places));
    expect(sheet.cell(4, 7)?.fill).toBeUndefined();
    expect(sheet.cell(6, 1)?.fill).toBe(MARK_FILL.warning);
    expect(book.notes.map((n) => n.content)).toEqual(["联络员自己的批注"]);

    await clearMarks();
    expect(sheet.cell(6, 1)?.fill).toBeUndefined();
    expect(book.notes.map((n) => n.content)).toEqual(["联络员自己的批注"]);
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
      const { binding, grid } = await readLedger();
      const reading = readBoundSheet(gridCells(grid), plan, "区财政局", binding);
      expect(reading.rows).toHaveLength(n);
      await markFindings(marksFor(reading.rows.map((_, i) => finding(i, "progress", "error", "进展情况不能为空")), placesOfReading(reading)));
      expect(fresh.notes).toHaveLength(n);
      await clearMarks();
      expect(fresh.notes).toHaveLength(0);
      return fresh.runs.slice(from);
    };
    const ten = await syncsFor(10);
    expect(ten).toEqual([2, 3, 3]);
    expect(await syncsFor(1000)).toEqual(ten);
  });

  it("scans a workbook in as many syncs for 1,000 rows and many sheets as for a few", async () => {
    const syncsFor = async (rows: number, sheets: number) => {
      const fresh = new MockWorkbook();
      for (let s = 0; s < sheets; s++) {
        const sheet = fresh.addSheet(`表${s + 1}`);
        for (let r = 1; r <= rows; r++) sheet.set(r, 0, { value: r });
      }
      fresh.install();
      await scanWorkbook();
      await readSheetGrid("表1");
      return fresh.runs;
    };
    expect(await syncsFor(10, 2)).toEqual([2, 1]);
    expect(await syncsFor(1000, 12)).toEqual([2, 1]);
  });
});
