// Issue 13: a ledger written in any order of columns, under any of the names units give them, with title and
// 填报单位 lines above and dates in the forms offices type, reads back to the same rows.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerRow } from "../../core/ledger/schema";
import { LEDGER_COLUMNS, type LedgerField } from "../../core/sheet/columns";
import { namesOf, statusFormOf } from "../../core/sheet/headers";
import { ledgerCell, type LedgerCell } from "../../core/sheet/ledger-sheet";
import { readSheet } from "../../core/sheet/read-sheet";
import { checkLedger } from "../../core/validate/validate";
import { worksheetCells } from "../../api/xlsx/ledger-cells";
import { coerceInput } from "../e2e/workbook-double/model";
import { testPlan, UNIT } from "../fixtures/ledger/plan";
import { validLedger } from "./ledger-arbitraries";

const today = "2031-01-01";

/** A layout: the columns in some order, each under one of its names, and what stands above the header. */
const layout = fc.record({
  order: fc.shuffledSubarray([...LEDGER_COLUMNS.map((c) => c.field)], { minLength: LEDGER_COLUMNS.length, maxLength: LEDGER_COLUMNS.length }),
  names: fc.record(Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.field, fc.constantFrom(...namesOf(c.field))])) as Record<LedgerField, fc.Arbitrary<string>>),
  above: fc.subarray(["高新区建设局2022年政务公开工作任务台账", "填报单位：建设局（盖章）", ""]),
  /** How a date is written: a real date, the ISO text, 2022年6月1日, 2022.6.1, 2022/6/1. */
  dateForm: fc.constantFrom("date", "iso", "chinese", "dotted", "slashed"),
  /** Whether a plain number in 序号 is stored as a number, as Excel does with a typed 3. */
  numbersAsNumbers: fc.boolean(),
});
type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

function typed(cell: LedgerCell, field: LedgerField, l: Layout): unknown {
  if (cell.kind === "empty") return null;
  if (cell.kind === "text") return field === "no" && l.numbersAsNumbers && /^\d+$/.test(cell.text) ? Number(cell.text) : cell.text;
  const [y, m, d] = cell.date.split("-").map(Number) as [number, number, number];
  switch (l.dateForm) {
    case "date": return new Date(`${cell.date}T00:00:00Z`);
    case "iso": return cell.date;
    case "chinese": return `${y}年${m}月${d}日`;
    case "dotted": return `${y}.${m}.${d}`;
    default: return `${y}/${m}/${d}`;
  }
}

/** The ledger as such a unit's sheet holds it, cells from A1. */
function write(rows: readonly LedgerRow[], l: Layout): unknown[][] {
  const forms = { status: statusFormOf(l.names.status) };
  return [
    ...l.above.map((line) => [line]),
    l.order.map((field) => l.names[field]),
    ...rows.map((row) => l.order.map((field) => typed(ledgerCell(row, field, forms), field, l))),
  ];
}

function readBack(cells: unknown[][]) {
  const reading = readSheet(cells, testPlan, UNIT);
  return { reading, rows: checkLedger(testPlan, UNIT, reading.rows, { today, sheet: reading.shape }).rows };
}

describe("any layout of a unit's 台账 reads back to the same rows", () => {
  it("from cells, as Office.js gives them", () => {
    fc.assert(
      fc.property(validLedger(testPlan, UNIT), layout, (rows, l) => {
        // Excel keeps what follows a quote prefix as the value, as Office.js then reads it.
        const cells = write(rows, l).map((line) => line.map((v) => (typeof v === "string" ? coerceInput(v, "@").value : v)));
        const { reading, rows: read } = readBack(cells);
        expect(reading.headerRow).toBe(l.above.length);
        expect(reading.columns.map((c) => c.field)).toEqual(l.order);
        expect(read).toEqual(rows);
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it("through an .xlsx file, as exceljs gives it", async () => {
    await fc.assert(
      fc.asyncProperty(validLedger(testPlan, UNIT), layout, async (rows, l) => {
        const book = new ExcelJS.Workbook();
        book.addWorksheet("台账").addRows(write(rows, l));
        const loaded = new ExcelJS.Workbook();
        await loaded.xlsx.load(await book.xlsx.writeBuffer());
        expect(readBack(worksheetCells(loaded.worksheets[0]!).cells as unknown[][]).rows).toEqual(rows);
      }),
      { numRuns: 30 },
    );
  }, 30_000);
});
