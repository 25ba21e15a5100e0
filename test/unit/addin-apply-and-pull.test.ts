import { beforeEach, describe, expect, it } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { diffPlans } from "../../core/plan/diff";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { applyServerRows } from "../../addin/excel/apply-rows";
import { readBinding } from "../../addin/excel/binding";
import { startConsolidated } from "../../addin/excel/consolidated";
import { consolidatedSheetBuilder } from "../../core/merge/sheets";
import { createLedgerSheet } from "../../addin/excel/create-ledger";
import { REMOVED_NOTE, planUpdateRows } from "../../addin/excel/plan-update";
import { planWith } from "./addin-fixtures";
import { MockWorkbook } from "./addin-workbook-mock";

const col = (field: string) => LEDGER_COLUMNS.findIndex((c) => c.field === field);

describe("同步: the server's rows written back", () => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
    book.addSheet("Sheet1");
    book.install();
  });

  it("rewrites the rows, removes rows left over, keeps the clerk's extra column, resizes the table and stamps the version", async () => {
    const plan = planWith(4);
    await createLedgerSheet(plan, "区财政局", ledgerFor(plan, "区财政局"));
    const sheet = book.sheet("台账")!;
    sheet.set(4, LEDGER_COLUMNS.length, { value: "联络员自己的列" });
    sheet.set(9, 0, { value: "填表人：李四" });

    const server: LedgerRow[] = ledgerFor(plan, "区财政局").slice(0, 2).map((row) => ({ ...row, progress: `已办 ${row.no}`, status: "推进中" }));
    const { binding } = await applyServerRows(server, { version: 7, reportedAt: "2025-06-03T02:20:00Z", reportedBy: "张三（区财政局）" }, plan);

    expect(sheet.cell(4, col("progress"))?.value).toBe("已办 1.10");
    expect(sheet.cell(5, col("status"))?.value).toBe("推进中");
    expect(sheet.cell(6, col("task"))?.value ?? "").toBe("");
    expect(sheet.cell(4, LEDGER_COLUMNS.length)?.value).toBe("联络员自己的列");
    // Two rows fewer: what the clerk wrote below the table moves up with it.
    expect(sheet.cell(7, 0)?.value).toBe("填表人：李四");
    expect(sheet.tables[0]?.address).toBe("A3:M5");
    expect([4, 5].every((r) => sheet.autofitRows.has(r))).toBe(true);
    expect(binding).toMatchObject({ version: 7, reportedAt: "2025-06-03T02:20:00Z", reportedBy: "张三（区财政局）" });
    expect((await readBinding())?.version).toBe(7);
  });

  it("grows the table when the server has more rows than the sheet", async () => {
    const plan = planWith(5);
    const rows = ledgerFor(plan, "区财政局");
    await createLedgerSheet(plan, "区财政局", rows.slice(0, 2));
    await applyServerRows(rows, { version: 1 }, plan);
    const sheet = book.sheet("台账")!;
    expect(sheet.tables[0]?.address).toBe("A3:M8");
    expect([4, 5, 6, 7, 8].map((r) => sheet.cell(r, col("no"))?.value)).toEqual(["1.10", "2", "3", "4", "5"]);
  });

  it("keeps a further row's （续） when the server's rows come back (issue 10, item 9)", async () => {
    const plan = planWith(3);
    const rows = ledgerFor(plan, "区财政局");
    const further: LedgerRow = { ...rows[0]!, continuation: true, measures: "第二项措施", status: "推进中" };
    await createLedgerSheet(plan, "区财政局", rows);
    await applyServerRows([rows[0]!, further, ...rows.slice(1)], { version: 2 }, plan);
    const sheet = book.sheet("台账")!;
    expect([4, 5, 6].map((r) => sheet.cell(r, col("no"))?.value)).toEqual(["1.10", "1.10（续）", "2"]);
  });

  it("takes as many syncs for 1,000 rows as for 10", async () => {
    const syncsFor = async (n: number) => {
      const fresh = new MockWorkbook();
      fresh.addSheet("Sheet1");
      fresh.install();
      const plan = planWith(n);
      const rows = ledgerFor(plan, "区财政局");
      await createLedgerSheet(plan, "区财政局", rows);
      const from = fresh.runs.length;
      await applyServerRows(rows.map((r) => ({ ...r, status: "已完成" as const, doneOn: "2025-05-20" })), { version: 2 }, plan);
      expect(fresh.sheet("台账")!.cell(n + 3, col("status"))?.value).toBe("已完成");
      return fresh.runs.slice(from);
    };
    const ten = await syncsFor(10);
    expect(ten).toEqual([3]);
    expect(await syncsFor(1000)).toEqual(ten);
  });
});

describe("方案更新: rows under a newer plan", () => {
  it("adds new tasks, rewords changed ones, keeps filled rows of removed tasks as 不适用 and drops empty ones", () => {
    const before = planWith(3);
    const after = planWith(4);
    after.version = 4;
    after.tasks = after.tasks.filter((t) => t.id !== "2" && t.id !== "3");
    after.tasks[0] = { ...after.tasks[0]!, text: "改写后的第一项", deadline: { text: "9月底前", rules: [{ kind: "by", date: "2025-09-30" }] } };
    const current = ledgerFor(before, "区财政局").map((row) => (row.taskId === "3" ? { ...row, progress: "已经做了一半", status: "推进中" as const } : row));

    const rows = planUpdateRows(after, "区财政局", diffPlans(before, after), current);

    expect(rows.map((r) => r.taskId)).toEqual(["1", "4", "3"]);
    expect(rows[0]).toMatchObject({ task: "改写后的第一项", deadline: "9月底前" });
    expect(rows[2]).toMatchObject({ progress: "已经做了一半", status: "不适用", note: REMOVED_NOTE });
  });

  it("keeps a deadline the unit set itself", () => {
    const before = planWith(1);
    const after = planWith(1);
    after.tasks[0] = { ...after.tasks[0]!, deadline: { text: "9月底前", rules: [] } };
    const current = ledgerFor(before, "区财政局").map((row) => ({ ...row, deadline: "5月底前" }));
    expect(planUpdateRows(after, "区财政局", diffPlans(before, after), current)[0]?.deadline).toBe("5月底前");
  });
});

/** 汇总 as the pane does it: start, one append per page, finish. */
async function writeConsolidated(plan: Plan, pages: { unit: string; rows: LedgerRow[] }[][]): Promise<void> {
  const sheets = consolidatedSheetBuilder(plan, { today: "2025-06-01" });
  const writer = await startConsolidated(sheets.consolidated);
  for (const ledgers of pages) await writer.append(sheets.add(ledgers));
  await writer.finish(sheets.finish());
}

describe("汇总: the office's sheets", () => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
    book.addSheet("Sheet1");
    book.install();
  });

  const ledgers = (n: number) => {
    const plan = planWith(n);
    plan.units.push({ name: "区卫健委", aliases: [] });
    const rows = ledgerFor(plan, "区财政局");
    return { plan, ledgers: [{ unit: "区财政局", rows: rows.map((r, i) => ({ ...r, status: i % 2 ? ("已完成" as const) : ("推进中" as const) })) }, { unit: "区教育局", rows: rows.slice(0, 1) }] };
  };

  it("writes the five sheets with titles, filters, colours, print setup and a completion chart, and a second pull refreshes them in place", async () => {
    const first = ledgers(3);
    await writeConsolidated(first.plan, [first.ledgers]);
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "汇总台账", "任务进度", "单位统计", "考核排名", "未报送单位"]);
    const main = book.sheet("汇总台账")!;
    expect(String(main.cell(1, 0)?.value)).toContain("汇总台账");
    expect(main.cell(2, 0)?.value).toBe("截至2025年6月1日");
    expect(main.cell(3, 0)?.value).toBe("单位");
    expect(main.cell(4, 0)?.value).toBe("区财政局");
    expect(main.cell(7, 0)?.value).toBe("区教育局");
    expect(main.frozenRows).toBe(3);
    expect(main.autoFilter).toBe("A3:Q7");
    // Colours are the cells' own fills (every reader shows them, LibreOffice's PDF too), not conditional formats.
    expect(main.conditionalFormats).toEqual([]);
    expect(main.cell(4, 9)?.value).toBe("推进中");
    expect(main.cell(4, 9)?.fill).toBe("#FFEB9C");
    expect(main.cell(5, 9)?.fill).toBe("#C6EFCE");
    // Rows as tall as their wrapped 工作任务 (LibreOffice and a set height do not grow by themselves).
    expect(main.rowHeights.get(4)).toBeGreaterThan(main.rowHeights.get(2) ?? 0);
    expect(main.rowHeights.get(3)).toBeGreaterThanOrEqual(30);
    expect(book.sheet("单位统计")!.cell(4, 0)?.value).toBe("区财政局");
    // Every unit of the plan, 区卫健委 too, which never reported.
    expect(book.sheet("单位统计")!.cell(6, 0)?.value).toBe("区卫健委");
    expect(book.sheet("未报送单位")!.cell(4, 0)?.value).toBe("区卫健委");
    expect(book.sheet("考核排名")!.cell(3, 0)?.value).toBe("名次");
    expect(book.sheet("单位统计")!.charts).toEqual([{ name: "单位统计图", type: "BarClustered", source: "单位统计!A3:B6" }]);
    for (const sheet of book.sheets.slice(1)) {
      expect(sheet.page).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$3:$3" });
    }
    expect(book.active).toBe("汇总台账");

    const second = ledgers(1);
    await writeConsolidated(second.plan, [second.ledgers.slice(0, 1)]);
    expect(book.sheets).toHaveLength(6);
    expect(book.sheet("汇总台账")!.cell(5, 0)).toBeUndefined();
    expect(book.sheet("未报送单位")!.cell(4, 0)?.value).toBe("区教育局");
    expect(book.sheet("单位统计")!.charts).toHaveLength(1);
  });

  it("keeps what the office typed in its own column beside the same row when a unit's rows move", async () => {
    const data = ledgers(3);
    await writeConsolidated(data.plan, [data.ledgers]);
    const main = book.sheet("汇总台账")!;
    const width = [...main.cells.keys()].filter((k) => k.startsWith("2,")).length;
    main.set(3, width, { value: "跟进人" });
    // 区教育局's row (the 4th data row) gets a note; then 区财政局 comes back with a row fewer above it.
    main.set(7, width, { value: "已电话督促" });
    await writeConsolidated(data.plan, [[{ ...data.ledgers[0]!, rows: data.ledgers[0]!.rows.slice(1) }, data.ledgers[1]!]]);
    expect(main.cell(3, width)?.value).toBe("跟进人");
    expect(main.cell(6, 0)?.value).toBe("区教育局");
    expect(main.cell(6, width)?.value).toBe("已电话督促");
    expect(main.cell(7, width)).toBeUndefined();
  });

  it("takes as many syncs for 1,000 rows as for 10: three to start, one per page, one to finish", async () => {
    const syncsFor = async (n: number) => {
      const fresh = new MockWorkbook();
      fresh.addSheet("Sheet1");
      fresh.install();
      const data = ledgers(n);
      await writeConsolidated(data.plan, [data.ledgers]);
      return fresh.runs;
    };
    const ten = await syncsFor(10);
    expect(ten).toEqual([3, 1, 1]);
    expect(await syncsFor(1000)).toEqual(ten);
  });
});
