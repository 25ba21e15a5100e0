import type { LedgerRow } from "../ledger/schema";

export type ColumnKind = "text" | "date" | "status";

export interface LedgerColumn {
  field: keyof LedgerRow;
  /** The header as Taizhang writes it (附件3 wording). */
  header: string;
  /** Column width in Excel characters; a Chinese character counts about two. */
  width: number;
  kind: ColumnKind;
}

/**
 * The 台账 columns in sheet order. The first five follow 附件3 (序号 · 工作任务 · 时限要求 · 责任科室 · 分管领导),
 * so a unit's sheet still reads like the template the office sent; the rest carry progress and proof.
 */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { field: "no", header: "序号", width: 8, kind: "text" },
  { field: "task", header: "工作任务", width: 50, kind: "text" },
  { field: "deadline", header: "时限要求", width: 24, kind: "text" },
  { field: "office", header: "责任科室", width: 14, kind: "text" },
  { field: "leader", header: "分管领导", width: 10, kind: "text" },
  { field: "role", header: "牵头/配合", width: 10, kind: "text" },
  { field: "measures", header: "工作措施", width: 40, kind: "text" },
  { field: "progress", header: "进展情况", width: 40, kind: "text" },
  { field: "status", header: "完成状态", width: 10, kind: "status" },
  { field: "doneOn", header: "完成日期", width: 12, kind: "date" },
  { field: "triggeredOn", header: "触发日期", width: 12, kind: "date" },
  { field: "evidence", header: "佐证材料", width: 24, kind: "text" },
  { field: "note", header: "备注", width: 20, kind: "text" },
];

const byField = new Map(LEDGER_COLUMNS.map((c) => [c.field, c]));

/** The header Taizhang writes for a field, e.g. "office" → 责任科室; the field itself if it has no column. */
export function headerOf(field: string): string {
  return byField.get(field as keyof LedgerRow)?.header ?? field;
}
