// addin/excel against what real Excel does and the kinder double used to hide (issue 14): cells that already carry
// a note or a colleague's threaded comment, an Excel without notes, a filtered or sorted 台账 table, a cell being
// edited when the clerk clicks 检查, merged cells in the way of a write, and the office's reviews on their rows.
import { beforeEach, describe, expect, it } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { Finding, LedgerRow } from "../../core/ledger/schema";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { readBoundSheet } from "../../core/sheet/read-sheet";
import { applyServerRows } from "../../addin/excel/apply-rows";
import { readBinding } from "../../addin/excel/binding";
import { createLedgerSheet } from "../../addin/excel/create-ledger";
import { fillBlanks } from "../../addin/excel/fill";
import { MARK_FILL, markFindings, marksFor, placesOfReading } from "../../addin/excel/marks";
import { SheetProblem } from "../../addin/excel/run";
import { gridCells, readLedger } from "../../addin/excel/sheet-grid";
import { checkSheet } from "../../addin/ui/check-sheet";
import { excelWorkbook } from "../../addin/ui/excel-workbook";
import { planWith } from "./addin-fixtures";
import { MockWorkbook } from "./addin-workbook-mock";

const col = (field: string) => LEDGER_COLUMNS.findIndex((c) => c.field === field);
const finding = (row: number, column: string, message: string): Finding => ({ row, column, severity: "error", code: "t", message });
const UNIT = "区财政局";

async function ledgerIn(book: MockWorkbook, tasks = 3) {
  book.addSheet("Sheet1");
  book.install();
  const plan = planWith(tasks);
  await createLedgerSheet(plan, UNIT, ledgerFor(plan, UNIT));
  const { binding, grid } = await readLedger();
  return { plan, places: placesOfReading(readBoundSheet(gridCells(grid), plan, UNIT, binding)), sheet: book.sheet("台账")! };
}

describe("检查 beside the notes and comments people left", () => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
  });

  it("leaves a colleague's threaded comment and the clerk's own note as they are, and still fills their cells", async () => {
    const { places, sheet } = await ledgerIn(book);
    // Row 4 (task 1.10): 李四's comment on 进展情况, even one that looks like an old 检查 message; row 5: the clerk's note on 工作任务.
    book.comments.push({ sheet: "台账", row: 3, col: col("progress"), content: "【台账检查】旧的检查意见", author: "李四" });
    book.notes.push({ sheet: "台账", row: 4, col: col("task"), content: "请核对任务" });
    await markFindings(marksFor([finding(0, "progress", "第4行「进展情况」为空"), finding(1, "task", "第5行任务与方案不一致"), finding(2, "office", "第6行「责任科室」为空")], places));

    expect(book.comments).toEqual([{ sheet: "台账", row: 3, col: col("progress"), content: "【台账检查】旧的检查意见", author: "李四" }]);
    expect(book.notes).toEqual([
      { sheet: "台账", row: 4, col: col("task"), content: "请核对任务" },
      { sheet: "台账", row: 5, col: col("office"), content: "【台账检查】第6行「责任科室」为空" },
    ]);
    expect([sheet.cell(4, col("progress"))?.fill, sheet.cell(5, col("task"))?.fill, sheet.cell(6, col("office"))?.fill]).toEqual([MARK_FILL.error, MARK_FILL.error, MARK_FILL.error]);
    expect(book.runs.at(-1)).toBe(3);
  });

  it("on an Excel without notes (before ExcelApi 1.18) marks by fill alone, in two syncs, whatever comments are there", async () => {
    const { places, sheet } = await ledgerIn(book);
    book.excelApi = 13;
    book.comments.push({ sheet: "台账", row: 3, col: col("progress"), content: "请补充", author: "李四" });
    await markFindings(marksFor([finding(0, "progress", "第4行「进展情况」为空")], places));
    expect(sheet.cell(4, col("progress"))?.fill).toBe(MARK_FILL.error);
    expect(book.notes).toEqual([]);
    expect(book.comments).toHaveLength(1);
    expect(book.runs.at(-1)).toBe(2);
  });
});

describe("a filtered 台账 table", () => {
  it("is unfiltered before 报送 writes it back, so every row lands on its own line, and the pane is told", async () => {
    const book = new MockWorkbook();
    const { plan, sheet } = await ledgerIn(book, 4);
    // The clerk filtered 完成状态 to 推进中: no row is, so every body row is hidden.
    sheet.tables[0]!.filter = { column: col("status"), values: ["推进中"] };
    const server: LedgerRow[] = ledgerFor(plan, UNIT).slice(0, 3).map((row) => ({ ...row, progress: `已办 ${row.no}`, status: "推进中" }));
    const applied = await applyServerRows(server, { version: 2 }, plan);
    expect(applied.unfiltered).toBe(true);
    expect(sheet.tables[0]).toEqual({ name: "台账表", address: "A3:M6" });
    expect([4, 5, 6].map((r) => sheet.cell(r, col("progress"))?.value)).toEqual(["已办 1.10", "已办 2", "已办 3"]);
    expect(sheet.cell(7, col("no"))?.value ?? "").toBe("");
  });

  it("is left filtered when no row is hidden", async () => {
    const book = new MockWorkbook();
    const { plan, sheet } = await ledgerIn(book, 2);
    sheet.tables[0]!.filter = { column: col("status"), values: ["未开始"] };
    const applied = await applyServerRows(ledgerFor(plan, UNIT), { version: 1 }, plan);
    expect(applied.unfiltered).toBe(false);
    expect(sheet.tables[0]!.filter).toBeDefined();
  });
});

describe("a sorted 台账 table", () => {
  it("is read row by row as its own tasks, and 报送's write-back puts each task's cells on its own line", async () => {
    const book = new MockWorkbook();
    const { plan, sheet } = await ledgerIn(book, 4);
    // The clerk typed progress on task 3 and sorted the table by 序号, largest first: Excel moves whole rows.
    sheet.set(6, col("progress"), { value: "已办 3" });
    const width = LEDGER_COLUMNS.length;
    const lines = [4, 5, 6, 7].map((r) => Array.from({ length: width }, (_, c) => sheet.cell(r, c)));
    [...lines].reverse().forEach((line, i) => line.forEach((cell, c) => (cell ? sheet.cells.set(`${4 + i - 1},${c}`, cell) : sheet.cells.delete(`${4 + i - 1},${c}`))));
    expect([4, 5, 6, 7].map((r) => sheet.cell(r, col("no"))?.value)).toEqual(["4", "3", "2", "1.10"]);

    const read = checkSheet(plan, UNIT, await excelWorkbook.readRows(plan, UNIT));
    // Only the blank 责任科室 a new 台账 has: no row is taken for another task or out of place.
    expect(read.findings.filter((f) => f.severity === "error" && f.code !== "office-empty")).toEqual([]);
    const byTask = new Map(read.rows.flatMap((row) => (row ? [[row.taskId, row] as const] : [])));
    expect(byTask.get("3")?.progress).toBe("已办 3");
    expect([...byTask.keys()].sort()).toEqual(plan.tasks.map((t) => t.id).sort());

    const server = ledgerFor(plan, UNIT).map((row) => ({ ...row, progress: `已办 ${row.no}` }));
    await applyServerRows(server, { version: 2 }, plan);
    const written = [4, 5, 6, 7].map((r) => [sheet.cell(r, col("no"))?.value, sheet.cell(r, col("progress"))?.value]);
    expect(written.every(([no, progress]) => progress === `已办 ${no}`)).toBe(true);
  });
});

describe("a cell being edited when the clerk clicks in the pane", () => {
  it("waits until the edit ends instead of failing (delayForCellEdit), on every workbook operation", async () => {
    const book = new MockWorkbook();
    const { places } = await ledgerIn(book);
    book.editing = true;
    let done = false;
    const marking = markFindings(marksFor([finding(0, "progress", "为空")], places)).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    book.stopEditing();
    await marking;
    expect(done).toBe(true);
    expect(book.runOptions.every((options) => options.delayForCellEdit === true)).toBe(true);
  });

  it("says in Chinese what to do when Excel refuses the batch all the same", async () => {
    const book = new MockWorkbook();
    await ledgerIn(book);
    // An Excel that ignores delayForCellEdit (before ExcelApi 1.11) fails the batch, as one without the option does.
    const run = (globalThis as unknown as { Excel: { run: (o: unknown, b: unknown) => Promise<unknown> } }).Excel.run;
    (globalThis as unknown as { Excel: { run: unknown } }).Excel.run = (_options: unknown, batch: unknown) => run(batch, undefined);
    book.editing = true;
    const error = await readBinding().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetProblem);
    expect((error as Error).message).toBe("表格中有单元格正在编辑：请按 Enter 键结束编辑后再试。");
  });
});

describe("merged cells in the way", () => {
  it("grows the table by whole rows, so a signature line merged wider than the table below it moves down whole", async () => {
    const book = new MockWorkbook();
    const { plan, sheet } = await ledgerIn(book, 2);
    sheet.set(8, 0, { value: "单位负责人：        填表人：" });
    sheet.merge("A8:N8");
    await applyServerRows(ledgerFor(planWith(5), UNIT), { version: 1 }, planWith(5));
    expect(sheet.tables[0]!.address).toBe("A3:M8");
    expect(sheet.merges).toContain("A11:N11");
    expect(sheet.cell(11, 0)?.value).toBe("单位负责人：        填表人：");
    expect(plan.tasks).toHaveLength(2);
  });

  it("writes a sheet whose table the clerk removed in place, leaving merged cells whole and saying how many", async () => {
    const book = new MockWorkbook();
    const { plan, sheet } = await ledgerIn(book, 3);
    sheet.tables = [];
    // The clerk merged 责任科室 over the three rows after the table was gone.
    for (const r of [4, 5, 6]) sheet.set(r, col("office"), { value: r === 4 ? "综合科" : "" });
    sheet.merge("D4:D6");
    const server = ledgerFor(plan, UNIT).map((row, i) => ({ ...row, office: i === 2 ? "法规科" : "综合科", progress: `进展 ${i + 1}` }));
    const applied = await applyServerRows(server, { version: 3 }, plan);
    expect(applied.skipped).toBe(1);
    expect([4, 5, 6].map((r) => sheet.cell(r, col("progress"))?.value)).toEqual(["进展 1", "进展 2", "进展 3"]);
    expect(sheet.merges).toContain("D4:D6");
    expect((await readBinding())?.table).toBeUndefined();
  });
});

describe("统一填写 and the office's reviews on the rows", () => {
  it("fills blank 责任科室 cells of task rows only, never one the clerk filled", async () => {
    const book = new MockWorkbook();
    const { plan, sheet } = await ledgerIn(book, 3);
    sheet.set(5, col("office"), { value: "法规科" });
    expect(await fillBlanks(plan, UNIT, "office", "综合科")).toBe(2);
    expect([4, 5, 6].map((r) => sheet.cell(r, col("office"))?.value)).toEqual(["综合科", "法规科", "综合科"]);
    expect(book.runs.at(-1)).toBe(3);
  });

  it("marks a returned row's 序号 with the comment, and clears it once the clerk changed the row and 报送 it", async () => {
    const book = new MockWorkbook();
    const { plan, sheet } = await ledgerIn(book, 3);
    const review = { verdict: "退回" as const, comment: "请补充佐证材料", by: "王五（督办汇总）", at: "2025-06-03T02:20:00.000Z" };
    const server = ledgerFor(plan, UNIT).map((row, i) => (i === 1 ? { ...row, review } : row));
    const shown = await excelWorkbook.showReviews(plan, UNIT, server);
    expect(shown.open.map((item) => [item.no, item.review.comment])).toEqual([["2", "请补充佐证材料"]]);
    expect(sheet.cell(5, col("no"))?.fill).toBe(MARK_FILL.returned);
    expect(book.notes).toEqual([{ sheet: "台账", row: 4, col: col("no"), content: "【办公室审核】退回：请补充佐证材料（王五（督办汇总），6月3日 10:20）" }]);

    // A 检查 finding on the same cell joins the note; the review stays when the check is cleared.
    const { binding, grid } = await readLedger();
    await markFindings(marksFor([{ row: 1, column: "no", severity: "warning", code: "t", message: "请核对序号" }], placesOfReading(readBoundSheet(gridCells(grid), plan, UNIT, binding))));
    expect(book.notes[0]!.content).toBe("【台账检查】请核对序号\n【办公室审核】退回：请补充佐证材料（王五（督办汇总），6月3日 10:20）");
    expect(sheet.cell(5, col("no"))?.fill).toBe(MARK_FILL.returned);
    await markFindings([]);
    expect(book.notes[0]!.content).toBe("【办公室审核】退回：请补充佐证材料（王五（督办汇总），6月3日 10:20）");

    const answered = await excelWorkbook.showReviews(plan, UNIT, server, ["2"]);
    expect(answered.open).toEqual([]);
    expect(answered.answered.map((item) => item.no)).toEqual(["2"]);
    expect(sheet.cell(5, col("no"))?.fill).toBeUndefined();
    expect(book.notes).toEqual([]);
    // Remembered with the workbook: the next open does not bring the mark back, a newer review from the office does.
    expect((await excelWorkbook.showReviews(plan, UNIT, server)).open).toEqual([]);
    const again = server.map((row, i) => (i === 1 ? { ...row, review: { ...review, at: "2025-06-05T01:00:00.000Z", comment: "仍缺材料" } } : row));
    expect((await excelWorkbook.showReviews(plan, UNIT, again)).open.map((item) => item.review.comment)).toEqual(["仍缺材料"]);
  });
});
