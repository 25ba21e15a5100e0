// What 使用当前表 shows the clerk, worked out from core's reading of a unit's own sheet.
import { describe, expect, it } from "vitest";
import { readSheet } from "../../core/sheet/read-sheet";
import { adoptionView, fieldList } from "../../addin/ui/clerk/adoption-view";
import { worksheetCells } from "../../api/xlsx/ledger-cells";
import { buildFixture } from "../fixtures/unit-sheets/build";
import { SHEET_PLAN, UNIT } from "../fixtures/unit-sheets/plan";
import { UNIT_SHEETS } from "../fixtures/unit-sheets/sheets";

const cellsOf = (prefix: string, sheet: string) =>
  worksheetCells(buildFixture(UNIT_SHEETS.find((f) => f.file.startsWith(prefix))!).getWorksheet(sheet)!);

describe("使用当前表's review", () => {
  it("names each column by letter and header, how it was read, and what is missing", () => {
    const view = adoptionView(readSheet(cellsOf("02", "工作台账"), SHEET_PLAN, UNIT), SHEET_PLAN);
    expect(view.headerRows).toBe("第2行");
    expect(view.columns.map((c) => [c.title, c.field, c.how, c.note ?? ""])).toEqual([
      ["A 任务名称", "task", "按列名", ""], ["B 责任股室", "office", "按列名", ""], ["C 推进措施", "measures", "按列名", ""],
      ["D 完成进度", "progress", "按列名", ""], ["E 是否完成", "status", "按列名", "按“是/否”读取"], ["F 完成时间", "doneOn", "按列名", ""],
      ["G 佐证材料", "evidence", "按列名", ""],
    ]);
    expect(fieldList(view.missingRequired)).toBe("「序号」「时限要求」「分管领导」");
    expect(fieldList(view.missingOptional)).toBe("「备注」");
    expect(view.matched).toBe(10);
    expect(view.rows[0]).toMatchObject({ sheetRow: 3, matched: true, task: "第1项（按内容）" });
  });

  it("lists unmatched rows first, with the tasks they might be, and counts heading rows apart", () => {
    const reading = readSheet(cellsOf("06", "台账"), SHEET_PLAN, UNIT);
    const view = adoptionView(reading, SHEET_PLAN);
    expect(view.headings).toBe(5);
    expect(view.matched).toBe(10);
    const vague = adoptionView(readSheet([["工作任务", "状态"], ["做好信息公开", "推进中"], ["加强房地产市场监管信息公开", "推进中"]], SHEET_PLAN, UNIT), SHEET_PLAN);
    expect(vague.rows.map((r) => [r.sheetRow, r.matched])).toEqual([[2, false], [3, true]]);
    expect(view.headerRows).toBe("第2行");
    expect(adoptionView(readSheet(cellsOf("03", "台账"), SHEET_PLAN, UNIT), SHEET_PLAN).headerRows).toBe("第3–5行");
  });
});
