// Which unit's row the office has selected in 汇总台账, read from the sheet's own header (wherever the title
// rows put it), and which stored row that is: review happens where the office is looking.
import type { LedgerRow } from "../ledger/schema";
import { rowKeys } from "../ledger/row-key";
import { headerOf } from "../sheet/columns";

export type CellText = string | number | boolean;

export interface SelectedRow {
  unit: string;
  no: string;
  task: string;
  measures: string;
  progress: string;
}

const UNIT = "单位";
const text = (v: CellText | undefined) => String(v ?? "").trim();

/**
 * The selected row's unit and task, given the sheet's first rows (`top`, from row 1) and the selected row's cells
 * (`rowNumber`, 1-based). A Chinese sentence when the selection is not a data row of 汇总台账.
 */
export function readSelectedRow(top: readonly CellText[][], row: readonly CellText[], rowNumber: number): SelectedRow | { problem: string } {
  const headerAt = top.findIndex((line) => line.some((c) => text(c) === UNIT) && line.some((c) => text(c) === headerOf("no")));
  if (headerAt < 0) return { problem: "当前工作表不是“汇总台账”：请先点“汇总”，再在“汇总台账”中选中要审核的一行。" };
  if (rowNumber <= headerAt + 1) return { problem: "请在“汇总台账”中选中要审核的任务行（表头以下的一行）。" };
  const header = top[headerAt]!.map(text);
  const cell = (name: string) => text(row[header.indexOf(name)]);
  const selected = { unit: cell(UNIT), no: cell(headerOf("no")), task: cell(headerOf("task")), measures: cell(headerOf("measures")), progress: cell(headerOf("progress")) };
  if (!selected.unit || !selected.no) return { problem: `第 ${rowNumber} 行没有单位或序号，请选中一行任务。` };
  return selected;
}

/** The row key of the selected row among the unit's stored rows: same number, and the same words where several share it. */
export function rowKeyOf(selected: SelectedRow, rows: readonly LedgerRow[]): string | undefined {
  const keys = rowKeys(rows);
  const candidates = rows.map((row, i) => ({ row, key: keys[i]! })).filter(({ row }) => row.no.trim() === selected.no);
  if (candidates.length <= 1) return candidates[0]?.key;
  const same = candidates.find(({ row }) => row.task.trim() === selected.task && row.measures.trim() === selected.measures && row.progress.trim() === selected.progress);
  return (same ?? candidates[0])!.key;
}
