// The e2e suite's workbook double (test/e2e/workbook-double) copies Excel where the add-in depends on it, so the
// Chromium suite cannot pass on behaviour real Excel would refuse. Each case names the Excel behaviour it copies.
import { describe, expect, it } from "vitest";
import { ExcelDoubleError, RequestContext, runBatch, type RunRecord } from "../e2e/workbook-double/excel";
import { WorkbookModel } from "../e2e/workbook-double/model";

function workbook() {
  const model = new WorkbookModel();
  const sheet = model.sheet("Sheet1")!;
  const runs: RunRecord[] = [];
  const run = <T>(batch: (context: RequestContext) => Promise<T>, options: { delayForCellEdit?: boolean } = {}) => runBatch(model, runs, options, batch);
  return { model, sheet, run };
}
const codeOf = (error: unknown) => (error as ExcelDoubleError).code;

describe("the workbook double copies Excel", () => {
  it("RunOptions.delayForCellEdit (ExcelApi 1.11): a batch while a cell is edited fails without it and waits with it", async () => {
    const { model, run } = workbook();
    model.startEditing();
    expect(codeOf(await run(async () => undefined).catch((e: unknown) => e))).toBe("InvalidOperationInCellEditMode");
    let ran = false;
    const waiting = run(async () => void (ran = true), { delayForCellEdit: true });
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toBe(false);
    model.finishEditing();
    await waiting;
    expect(ran).toBe(true);
  });

  it("a cell holds a note or a threaded comment, not both; a comment's text is its author's; notes need ExcelApi 1.18", async () => {
    const { model, sheet, run } = workbook();
    sheet.comments.set("0,0", { content: "请核对", author: "李四" });
    sheet.notes.set("1,0", "联络员的备注");
    expect(codeOf(await run(async (ctx) => { ctx.workbook.notes.add("Sheet1!A1", "检查"); await ctx.sync(); }).catch((e: unknown) => e))).toBe("InvalidArgument");
    expect(codeOf(await run(async (ctx) => { ctx.workbook.comments.add("Sheet1!A2", "检查"); await ctx.sync(); }).catch((e: unknown) => e))).toBe("InvalidArgument");
    const edit = await run(async (ctx) => {
      const comments = ctx.workbook.comments.load("items");
      await ctx.sync();
      comments.items[0]!.content = "改写";
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(codeOf(edit)).toBe("AccessDenied");
    expect(sheet.comments.get("0,0")?.content).toBe("请核对");
    model.excelApi = 13;
    expect(codeOf(await run(async (ctx) => { ctx.workbook.notes.load("items"); await ctx.sync(); }).catch((e: unknown) => e))).toBe("ApiNotFound");
  });

  it("a filtered table takes written lines on its visible rows only and refuses to shift (office-js issues 224, 468, 994)", async () => {
    const { model, sheet, run } = workbook();
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:B4").values = [["序号", "状态"], ["1", "推进中"], ["2", "未开始"], ["3", "推进中"]];
      s.tables.add("Sheet1!A1:B4", true);
      await ctx.sync();
    });
    model.tables[0]!.filter = { column: 1, values: ["推进中"] };
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A2:A3").values = [["甲"], ["乙"]];
      await ctx.sync();
    });
    // Row 3 (序号 2) is hidden: the second line went to row 4.
    expect([1, 2, 3].map((r) => model.cell(sheet, r, 0).value)).toEqual(["甲", 2, "乙"]);
    expect(codeOf(await run(async (ctx) => { ctx.workbook.worksheets.getItem("Sheet1").getRange("4:4").insert("Down"); await ctx.sync(); }).catch((e: unknown) => e))).toBe("GeneralException");
    await run(async (ctx) => { ctx.workbook.tables.getItemAt(0).clearFilters(); await ctx.sync(); });
    expect(model.hiddenRows(sheet).size).toBe(0);
  });

  it("merged cells: a hidden cell keeps no value, a shift that would split an area fails, whole rows move it", async () => {
    const { sheet, run } = workbook();
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A5:D5").merge();
      s.getRange("A5:D5").values = [["单位负责人", "x", "y", "z"]];
      await ctx.sync();
    });
    expect(["0", "1"].map((c) => sheet.cells.get(`4,${c}`)?.value ?? "")).toEqual(["单位负责人", ""]);
    expect(codeOf(await run(async (ctx) => { ctx.workbook.worksheets.getItem("Sheet1").getRange("A3:B3").insert("Down"); await ctx.sync(); }).catch((e: unknown) => e))).toBe("InsertDeleteConflict");
    await run(async (ctx) => { ctx.workbook.worksheets.getItem("Sheet1").getRange("3:4").insert("Down"); await ctx.sync(); });
    expect(sheet.merges).toEqual([{ row: 6, col: 0, rows: 1, cols: 4 }]);
  });

  it("a saved workbook opens as it was saved: what happened after the save is gone, as with Excel's 不保存", () => {
    const { model, sheet } = workbook();
    model.settings.set("taizhang.binding", "{\"version\":1}");
    sheet.cells.set("0,0", { value: "第一版", numberFormat: "General" });
    const file = model.saved();
    model.settings.set("taizhang.binding", "{\"version\":2}");
    sheet.cells.set("0,0", { value: "第二版", numberFormat: "General" });
    const reopened = new WorkbookModel();
    reopened.open(file);
    expect(reopened.settings.get("taizhang.binding")).toBe("{\"version\":1}");
    expect(reopened.cell(reopened.sheet("Sheet1")!, 0, 0).value).toBe("第一版");
  });
});
