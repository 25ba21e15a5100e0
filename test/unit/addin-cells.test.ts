import { describe, expect, it } from "vitest";
import { blockAddress, chunkByPayload, columnLetter, isDateFormat, isoToSerial, serialToIso, sheetAddress, splitAddress } from "../../addin/excel/cells";
import { writeRuns } from "../../addin/excel/apply-rows";
import { freeSheetName } from "../../addin/excel/create-ledger";
import { cellRuns } from "../../addin/excel/marks";

describe("cells: addresses, dates and payload chunks", () => {
  it("names columns and blocks as Excel does", () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
    expect(blockAddress(3, 0)).toBe("A3");
    expect(blockAddress(2, 1, 10, 13)).toBe("B2:N11");
    expect(sheetAddress("台账", "A1")).toBe("台账!A1");
    expect(sheetAddress("台账 2", "A1")).toBe("'台账 2'!A1");
    expect(splitAddress("'O''Brien 表'!$B$3:$C$4")).toEqual({ sheet: "O'Brien 表", range: "$B$3:$C$4" });
  });

  it("turns ISO dates into Excel serials and back, across the 1900 leap-year quirk", () => {
    expect(isoToSerial("2025-05-20")).toBe(45797);
    expect(isoToSerial("1900-03-01")).toBe(61);
    expect(serialToIso(45797)).toBe("2025-05-20");
    expect(serialToIso(45797.75)).toBe("2025-05-20");
  });

  it("tells date formats from number and text formats", () => {
    for (const f of ["yyyy-mm-dd", "yyyy/m/d", 'yyyy"年"m"月"d"日"', "[$-804]yyyy年m月d日", "m/d/yy"]) expect(isDateFormat(f), f).toBe(true);
    for (const f of ["General", "@", "0.00", "#,##0", "0%"]) expect(isDateFormat(f), f).toBe(false);
  });

  it("cuts rows by payload size, keeping every row once and in order", () => {
    const rows = Array.from({ length: 100 }, (_, i) => ["x".repeat(1000), i]);
    const chunks = chunkByPayload(rows, 10_000);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.flat()).toEqual(rows);
    for (const chunk of chunks) expect(JSON.stringify(chunk).length).toBeLessThanOrEqual(10_000 + chunk.length);
    expect(chunkByPayload(rows)).toHaveLength(1);
    expect(chunkByPayload([])).toEqual([[]]);
  });

  it("groups adjacent cell writes of a row into one write", () => {
    const text = (t: string) => ({ kind: "text" as const, text: t });
    expect(writeRuns([{ row: 3, column: 6, cell: text("b") }, { row: 3, column: 5, cell: text("a") }, { row: 4, column: 5, cell: text("c") }, { row: 3, column: 9, cell: { kind: "empty" } }])).toEqual([
      { row: 3, column: 5, cells: [text("a"), text("b")] },
      { row: 3, column: 9, cells: [{ kind: "empty" }] },
      { row: 4, column: 5, cells: [text("c")] },
    ]);
  });

  it("finds a free sheet name instead of overwriting one", () => {
    expect(freeSheetName(["Sheet1"])).toBe("台账");
    expect(freeSheetName(["台账", "台账 2"])).toBe("台账 3");
  });

  it("fills a column of marked cells as one range per unbroken run", () => {
    const cells = [5, 3, 4, 9].map((row) => ({ sheet: "台账", row, column: 7 }));
    expect(cellRuns([...cells, { sheet: "台账", row: 4, column: 1 }])).toEqual([
      { sheet: "台账", row: 4, column: 1, rows: 1 },
      { sheet: "台账", row: 3, column: 7, rows: 3 },
      { sheet: "台账", row: 9, column: 7, rows: 1 },
    ]);
  });
});
