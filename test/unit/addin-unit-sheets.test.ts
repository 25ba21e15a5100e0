// The unit-sheet fixtures through the task pane's own path on Office.js (the workbook mock): 使用当前表 finds the
// sheet and its columns, confirming writes nothing, and 检查 gives the same findings, cell by cell, as the CLI.
import { beforeEach, describe, expect, it } from "vitest";
import { headerOf } from "../../core/sheet/columns";
import { columnLetter } from "../../core/sheet/grid";
import { marksFor } from "../../addin/excel/marks";
import { checkSheet } from "../../addin/ui/check-sheet";
import { excelWorkbook } from "../../addin/ui/excel-workbook";
import { buildFixture } from "../fixtures/unit-sheets/build";
import { SHEET_PLAN } from "../fixtures/unit-sheets/plan";
import { UNIT_SHEETS } from "../fixtures/unit-sheets/sheets";
import { openInMock } from "./addin-from-xlsx";
import { MockWorkbook } from "./addin-workbook-mock";
import { readsOf, whereOf } from "./unit-sheet-expect";

describe.each(UNIT_SHEETS)("unit sheet $file in the task pane", (fixture) => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
    openInMock(book, buildFixture(fixture));
    book.install();
  });

  it("is adopted as it is and checked with the same findings as the CLI", async () => {
    const preview = await excelWorkbook.previewAdoption(SHEET_PLAN, fixture.unit);
    expect(preview.sheetName).toBe(fixture.expect.sheet);
    const before = JSON.stringify(book.sheets.map((s) => [...s.cells]));
    await excelWorkbook.adopt(SHEET_PLAN, fixture.unit, preview, { choices: {}, add: [] });
    expect(JSON.stringify(book.sheets.map((s) => [...s.cells]))).toBe(before);

    const sheet = await excelWorkbook.readRows(SHEET_PLAN, fixture.unit);
    const checked = checkSheet(SHEET_PLAN, fixture.unit, sheet, new Date(`${fixture.today}T04:00:00Z`));
    const marks = marksFor(checked.findings, sheet.places);
    const found = checked.findings.map((f) => {
      const row = f.row === null ? null : sheet.places.sheetRows[f.row]!;
      const mark = marks.find((m) => m.row === row && m.message === f.message);
      const column = f.column === null ? null : (sheet.labels[f.column] ?? headerOf(f.column));
      return [whereOf({ row, column }, mark && columnLetter(mark.column)), f.severity, f.code];
    });
    expect(found.sort()).toEqual([...fixture.expect.findings].sort());
    expect(readsOf(sheet.places.sheetRows, checked.rows, Object.keys(fixture.expect.reads).map(Number))).toEqual(fixture.expect.reads);
  });
});
