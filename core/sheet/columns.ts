import type { LedgerRow } from "../ledger/schema";

export type ColumnKind = "text" | "date" | "status";

/** A field a 台账 column can hold: every LedgerRow field but the stored id, the continuation flag and the review. */
export type LedgerField = Exclude<keyof LedgerRow, "taskId" | "continuation" | "review">;

export interface LedgerColumn {
  field: LedgerField;
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

export const LEDGER_FIELDS: readonly LedgerField[] = LEDGER_COLUMNS.map((c) => c.field);

/**
 * The columns a unit's sheet must have: the plan's 台账 template (附件3: 序号, 工作任务, 时限要求, 责任科室, 分管领导)
 * and what 报送 needs (状态). 完成日期 is needed too, once a row is 已完成; the rest are the unit's choice.
 */
export const REQUIRED_FIELDS: readonly LedgerField[] = ["no", "task", "deadline", "office", "leader", "status"];

/**
 * Columns Taizhang adds to its own sheets that a unit's sheet never needs: 牵头/配合 is the plan's to say, and
 * 触发日期 only matters for the few deadlines counted from an event.
 */
export const TAIZHANG_ONLY_FIELDS: readonly LedgerField[] = ["role", "triggeredOn"];

const byField = new Map(LEDGER_COLUMNS.map((c) => [c.field as string, c]));

export function columnOf(field: LedgerField): LedgerColumn {
  return byField.get(field)!;
}

/** The header Taizhang writes for a field, e.g. "office" → 责任科室; the field itself if it has no column. */
export function headerOf(field: string): string {
  return byField.get(field)?.header ?? field;
}
