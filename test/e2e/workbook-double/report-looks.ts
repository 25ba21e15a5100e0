// How a report sheet looks, as the add-in sets it: its auto filter (ExcelApi 1.9) and conditional formats (1.6).
// Kept beside each sheet (not in its cells) for the test to read, and the conditional fills shown by the
// renderer, as Excel shows them. (Page layout is the sheet model's `page`, excel.ts PageLayout.)
import type { SheetModel } from "./model";

export interface ConditionalFill {
  box: { row: number; col: number; rows: number; cols: number };
  kind: "ContainsText" | "Custom";
  /** ContainsText: the text; Custom: the formula (only =$X4="text" is evaluated). */
  rule: string;
  fill: string;
}

export interface ReportLooks {
  autoFilter?: string;
  conditional: ConditionalFill[];
}

const looks = new WeakMap<SheetModel, ReportLooks>();

export function reportLooks(sheet: SheetModel): ReportLooks {
  let found = looks.get(sheet);
  if (!found) looks.set(sheet, (found = { conditional: [] }));
  return found;
}

type Wrote = { wrote(): void };

export function autoFilterOf(ctx: Wrote, sheet: SheetModel) {
  return {
    apply(range: { box: { row: number; col: number; rows: number; cols: number } }) {
      ctx.wrote();
      const { row, col, rows, cols } = range.box;
      reportLooks(sheet).autoFilter = `${row},${col},${rows},${cols}`;
    },
    remove() {
      ctx.wrote();
      reportLooks(sheet).autoFilter = undefined;
    },
  };
}

export function conditionalFormatsOf(ctx: Wrote, sheet: SheetModel, box: ConditionalFill["box"]) {
  return {
    add(kind: "ContainsText" | "Custom") {
      ctx.wrote();
      const entry: ConditionalFill = { box, kind, rule: "", fill: "" };
      reportLooks(sheet).conditional.push(entry);
      const fill = { set color(v: string) { entry.fill = v; } };
      return {
        textComparison: { set rule(r: { text: string }) { entry.rule = r.text; }, format: { fill } },
        custom: { rule: { set formula(f: string) { entry.rule = f; } }, format: { fill } },
      };
    },
    clearAll() {
      ctx.wrote();
      const inside = (b: ConditionalFill["box"]) => b.row >= box.row && b.col >= box.col && b.row + b.rows <= box.row + box.rows && b.col + b.cols <= box.col + box.cols;
      reportLooks(sheet).conditional = reportLooks(sheet).conditional.filter((c) => !inside(c.box));
    },
  };
}

/** The conditional fill Excel shows on a cell, the first added that applies losing to a later one (Excel's order). */
export function conditionalFill(sheet: SheetModel, row: number, col: number, text: (r: number, c: number) => string): string | undefined {
  let fill: string | undefined;
  for (const c of reportLooks(sheet).conditional) {
    const { box } = c;
    if (row < box.row || row >= box.row + box.rows || col < box.col || col >= box.col + box.cols) continue;
    if (c.kind === "ContainsText" && c.rule && text(row, col).includes(c.rule)) fill = c.fill;
    const custom = c.kind === "Custom" ? /^=\$([A-Z]+)\d+="(.*)"$/.exec(c.rule) : null;
    if (custom) {
      const markCol = [...custom[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      // A cell's own text colour wins over its row's (the row mark is added first).
      if (text(row, markCol) === custom[2] && fill === undefined) fill = c.fill;
    }
  }
  return fill;
}
