// What 使用当前表 shows, worked out from core's reading: each column and what it is taken for, the columns the
// sheet lacks, and which rows matched a task. Pure, so the wording is tested without a browser.
import type { Plan } from "../../../core/plan/schema";
import { REQUIRED_FIELDS, headerOf, type LedgerField } from "../../../core/sheet/columns";
import { columnLetter } from "../../../core/sheet/grid";
import type { ColumnHow, SheetReading } from "../../../core/sheet/read-sheet";
import { cellText } from "../../../core/validate/read-row";

export interface ColumnView {
  index: number;
  /** "D 落实情况/责任科室" */
  title: string;
  field: LedgerField | null;
  /** 按列名 / 按含义 / 按内容 / 已更改; "" for a column not used. */
  how: string;
  /** 按“是/否”读取, for a 是否完成 column. */
  note?: string;
}

export interface RowView {
  sheetRow: number;
  text: string;
  /** 第3项 (按序号) …; empty when the row matched nothing. */
  task: string;
  matched: boolean;
}

export interface AdoptionView {
  /** "第3–4行" */
  headerRows: string;
  columns: ColumnView[];
  /** Fields the sheet lacks that 附件3 or 报送 require, then the others (the clerk may add either). */
  missingRequired: LedgerField[];
  missingOptional: LedgerField[];
  rows: RowView[];
  matched: number;
  headings: number;
}

const HOW: Record<ColumnHow, string> = { name: "按列名", meaning: "按含义", values: "按内容", clerk: "已更改" };
const MATCH = { number: "按序号", text: "按内容", continuation: "续行", none: "" } as const;

export function adoptionView(reading: SheetReading, plan: Plan): AdoptionView {
  const taskNo = new Map(plan.tasks.map((t) => [t.id, t.no]));
  const top = reading.headerTop + 1, bottom = reading.headerRow + 1;
  const rows = reading.matches.map((match): RowView => {
    const input = reading.rows[match.row] ?? {};
    const text = cellText(input.task) || cellText(input.no) || cellText(input.measures) || cellText(input.progress);
    const sheetRow = reading.rowNumbers[match.row]! + 1;
    if (!match.taskId) {
      const close = match.candidates?.map((id) => `第${taskNo.get(id) ?? id}项`).join("、");
      return { sheetRow, text, task: close ? `可能是${close}` : "", matched: false };
    }
    return { sheetRow, text, task: `第${taskNo.get(match.taskId) ?? match.taskId}项（${MATCH[match.how]}）`, matched: true };
  });
  return {
    headerRows: top === bottom ? `第${top}行` : `第${top}–${bottom}行`,
    columns: reading.columns.map((c) => ({
      index: c.index,
      title: `${columnLetter(c.index)} ${c.header}`,
      field: c.field ?? null,
      how: c.how ? HOW[c.how] : "",
      ...(c.field === "status" && reading.shape.statusForm === "yesNo" ? { note: "按“是/否”读取" } : {}),
    })),
    missingRequired: reading.missing.filter((f) => REQUIRED_FIELDS.includes(f)),
    missingOptional: reading.missing.filter((f) => !REQUIRED_FIELDS.includes(f)),
    rows: [...rows.filter((r) => !r.matched), ...rows.filter((r) => r.matched)],
    matched: rows.filter((r) => r.matched).length,
    headings: reading.headings.length,
  };
}

/** "「时限要求」「分管领导」" */
export const fieldList = (fields: readonly LedgerField[]) => fields.map((f) => `「${headerOf(f)}」`).join("");
