// The unit-sheet fixtures (test/fixtures/unit-sheets) read as the CLI and the API read them: exceljs cells into
// core. Each must pick its sheet, find its header rows, map every column, read the rows as expected and give
// exactly the expected findings, cell by cell. addin-unit-sheets.test.ts runs the same fixtures through Office.js.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { columnLetter } from "../../core/sheet/grid";
import { workbookSheets } from "../../api/xlsx/ledger-cells";
import { checkWorkbook } from "../../api/xlsx/ledger-check";
import { buildFixture, FIXTURE_DIR } from "../fixtures/unit-sheets/build";
import { SHEET_PLAN } from "../fixtures/unit-sheets/plan";
import { UNIT_SHEETS } from "../fixtures/unit-sheets/sheets";
import { readsOf, whereOf } from "./unit-sheet-expect";

describe.each(UNIT_SHEETS)("unit sheet $file", (fixture) => {
  const checked = checkWorkbook(buildFixture(fixture), { plan: SHEET_PLAN, unit: fixture.unit, today: fixture.today });
  const { report } = checked;

  it("is found, wherever it is in the workbook, with its header rows", () => {
    expect(report.sheet).toBe(fixture.expect.sheet);
    expect(report.header).toEqual(fixture.expect.header);
  });

  it("maps every column", () => {
    expect(Object.fromEntries(report.columns.map((c) => [c.column, c.field]))).toEqual(fixture.expect.columns);
  });

  it("reads the rows as the unit meant them", () => {
    const sheetRows = checked.reading.rowNumbers.map((r) => r + 1);
    expect(readsOf(sheetRows, checked.rows, Object.keys(fixture.expect.reads).map(Number))).toEqual(fixture.expect.reads);
  });

  it("gives exactly the expected findings, cell by cell", () => {
    const found = report.findings.map((f, i) => [whereOf(f, checked.columnNumbers[i] === undefined ? undefined : columnLetter(checked.columnNumbers[i]! - 1)), f.severity, f.code]);
    expect(found.sort()).toEqual([...fixture.expect.findings].sort());
    for (const f of report.findings) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("is on disk as the script builds it (npm run fixtures)", async () => {
    const committed = new ExcelJS.Workbook();
    await committed.xlsx.load(readFileSync(join(FIXTURE_DIR, fixture.file)) as unknown as ArrayBuffer);
    expect(workbookSheets(committed)).toEqual(workbookSheets(buildFixture(fixture)));
  });
});
