import { beforeEach, describe, expect, it } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { createLedgerSheet } from "../../addin/excel/create-ledger";
import { readBinding, readLedgerState } from "../../addin/excel/binding";
import { planWith } from "./addin-fixtures";
import { MockWorkbook } from "./addin-workbook-mock";

const col = (field: string) => LEDGER_COLUMNS.findIndex((c) => c.field === field);

describe("新建台账: createLedgerSheet", () => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
    book.addSheet("Sheet1");
    book.install();
  });

  it("writes the title, the 填报单位 line, the header and every task of the unit as a table, and binds the workbook with its plan", async () => {
    const plan = planWith(3);
    const rows = ledgerFor(plan, "区财政局").map((row, i) => (i === 2 ? { ...row, status: "已完成" as const, doneOn: "2025-05-20" } : row));
    const created = await createLedgerSheet(plan, "区财政局", rows);

    const sheet = book.sheet("台账")!;
    expect(created.sheet).toBe("台账");
    expect(sheet.cell(1, 0)?.value).toBe("区财政局政务公开工作任务台账");
    expect(sheet.cell(2, 0)?.value).toBe("填报单位（盖章）：区财政局");
    expect(sheet.cell(2, 6)?.value).toBe("填报日期：      年    月    日");
    expect(sheet.merges).toEqual(["A1:M1", "A2:F2", "G2:M2"]);
    expect(LEDGER_COLUMNS.map((_, c) => sheet.cell(3, c)?.value)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(sheet.cell(4, col("no"))?.value).toBe("1.10");
    expect(sheet.cell(4, col("no"))?.format).toBe("@");
    expect(sheet.cell(6, col("task"))?.value).toBe("第3项：做好政务公开工作");
    expect(sheet.cell(6, col("status"))?.value).toBe("已完成");
    expect(sheet.cell(6, col("doneOn"))?.value).toBe(45797); // 2025-05-20 as an Excel date serial
    expect(sheet.cell(6, col("doneOn"))?.format).toBe("yyyy-mm-dd");
    expect(sheet.tables).toEqual([{ name: "台账表", address: "A3:M6" }]);
    expect(sheet.frozenRows).toBe(3);
    expect(sheet.widths.get(col("task"))).toBeGreaterThan(sheet.widths.get(col("no"))!);
    expect(sheet.validations).toEqual([
      { address: "台账!I4:I6", rule: { list: { inCellDropDown: true, source: "未开始,推进中,已完成,长期坚持,不适用" } } },
    ]);
    expect(await readBinding()).toEqual(created.binding);
    expect(created.binding).toMatchObject({ planId: "demo-2025", unit: "区财政局", version: 0, planVersion: 3, sheet: "台账", headerRow: 3, table: "台账表" });
    expect((await readLedgerState())?.plan).toEqual(plan);
  });

  it("sets the sheet up to print as 附件3 is: A4 landscape, one page wide, the top rows on every page, lines, rows as tall as their text", async () => {
    const plan = planWith(3);
    await createLedgerSheet(plan, "区财政局", ledgerFor(plan, "区财政局"));
    const sheet = book.sheet("台账")!;
    expect(sheet.page).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHorizontally: true,
      printTitleRows: "$1:$3",
      leftMargin: 0.4 * 72,
    });
    expect(sheet.gridLines.filter((a) => a === "台账!A3:M6")).toHaveLength(6);
    expect([4, 5, 6].every((r) => sheet.autofitRows.has(r))).toBe(true);
    expect(sheet.rowHeights.get(1)).toBe(30);
  });

  it("keeps a formula-looking task inert", async () => {
    const plan = planWith(2);
    await createLedgerSheet(plan, "区财政局", ledgerFor(plan, "区财政局"));
    // Written behind Excel's quote prefix: the cell holds the text, not a formula.
    expect(book.sheet("台账")!.cell(5, col("task"))).toMatchObject({ value: "=HYPERLINK(\"http://evil\")公开预决算", quotePrefix: true });
  });

  it("never overwrites an existing 台账 sheet", async () => {
    book.addSheet("台账").set(1, 0, { value: "别人的表" });
    const plan = planWith(1);
    const created = await createLedgerSheet(plan, "区财政局", ledgerFor(plan, "区财政局"));
    expect(created.sheet).toBe("台账 2");
    expect(created.binding.table).toBe("台账表");
    expect(book.sheet("台账")!.cell(1, 0)?.value).toBe("别人的表");
  });

  it("uses the same number of syncs for 10 rows as for 1,000", async () => {
    const syncsFor = async (n: number) => {
      const fresh = new MockWorkbook();
      fresh.addSheet("Sheet1");
      fresh.install();
      const plan = planWith(n);
      await createLedgerSheet(plan, "区财政局", ledgerFor(plan, "区财政局"));
      expect(fresh.sheet("台账")!.cell(n + 3, col("no"))?.value).toBe(String(n));
      return fresh.syncs;
    };
    const ten = await syncsFor(10);
    expect(ten).toBe(2);
    expect(await syncsFor(1000)).toBe(ten);
  });
});
