// Issue 10, item 9: both sheet writers render core's one ledger-cell model, so any valid ledger written by
// either and read back gives the same rows and no finding the ledger did not already have: a further row stays
// a further row ("1（续）"), dates stay dates, "1.10" and "=x" stay text.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import type { LedgerRow } from "../../core/ledger/schema";
import { checkLedger } from "../../core/validate/validate";
import { checkWorkbook } from "../../api/xlsx/ledger-check";
import { ledgerWorkbook } from "../../api/xlsx/ledger-workbook";
import { applyServerRows } from "../../addin/excel/apply-rows";
import { createLedgerSheet } from "../../addin/excel/create-ledger";
import { checkSheet } from "../../addin/ui/check-sheet";
import { excelWorkbook } from "../../addin/ui/excel-workbook";
import { testPlan, UNIT } from "../fixtures/ledger/plan";
import { findingKeys, validLedger } from "./ledger-arbitraries";
import { MockWorkbook } from "./addin-workbook-mock";

const today = "2031-01-01";
const direct = (rows: LedgerRow[]) => findingKeys(checkLedger(testPlan, UNIT, rows, { today }).findings);
const noNewFindings = (read: string[], rows: LedgerRow[]) => {
  const before = new Set(direct(rows));
  expect(read.filter((key) => !before.has(key))).toEqual([]);
};

describe("a valid ledger written and read back", () => {
  it("through exceljs (ledger new, ledger check): the same rows, no new findings", async () => {
    await fc.assert(
      fc.asyncProperty(validLedger(testPlan, UNIT), async (rows) => {
        const buffer = await ledgerWorkbook(testPlan, UNIT, rows).xlsx.writeBuffer();
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(buffer);
        const { reading } = checkWorkbook(book, { plan: testPlan, unit: UNIT, today });
        const read = checkLedger(testPlan, UNIT, reading.rows, { today, sheet: reading.shape });
        expect(read.rows).toEqual(rows);
        noNewFindings(findingKeys(read.findings), rows);
      }),
      // Each run writes and parses a real .xlsx (about a tenth of a second): fewer runs, same property.
      { numRuns: 25 },
    );
  }, 30_000);

  describe("through Office.js (新建台账, then 报送 writing the server's rows back)", () => {
    let book: MockWorkbook;
    beforeEach(() => {
      book = new MockWorkbook();
    });

    const readBack = async () => {
      const checked = checkSheet(testPlan, UNIT, await excelWorkbook.readRows(testPlan, UNIT), new Date(`${today}T04:00:00Z`));
      return { rows: checked.rows, keys: findingKeys(checked.findings) };
    };

    it("the same rows, no new findings, after each write", async () => {
      await fc.assert(
        fc.asyncProperty(validLedger(testPlan, UNIT), validLedger(testPlan, UNIT), async (first, second) => {
          book = new MockWorkbook();
          book.addSheet("Sheet1");
          book.install();
          await createLedgerSheet(testPlan, UNIT, first);
          const created = await readBack();
          expect(created.rows).toEqual(first);
          noNewFindings(created.keys, first);

          await applyServerRows(second, { version: 2 }, testPlan);
          const applied = await readBack();
          expect(applied.rows).toEqual(second);
          noNewFindings(applied.keys, second);
        }),
        { numRuns: 60 },
      );
    }, 30_000);
  });
});
