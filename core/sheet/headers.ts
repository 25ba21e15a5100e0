import type { LedgerRow } from "../ledger/schema";
import { LEDGER_COLUMNS } from "./columns";

// The words units put at the top of their 台账 columns. For a field with several candidate columns (the seeds'
// 工作任务 heading next to the 具体要求 text), the earlier synonym wins and the other column is kept as unknown.
const SYNONYMS: Readonly<Record<keyof LedgerRow, readonly string[]>> = {
  taskId: ["任务编号"],
  no: ["序号", "编号", "序"],
  task: ["具体要求", "任务内容", "工作任务", "具体任务", "任务"],
  deadline: ["时限要求", "完成时限", "时间要求", "时限", "完成期限"],
  office: ["责任科室", "责任科室(单位)", "责任单位", "责任部门", "责任科室单位", "承办科室"],
  leader: ["分管领导", "责任领导"],
  role: ["牵头/配合", "承担方式", "角色"],
  measures: ["工作措施", "具体措施", "落实措施"],
  progress: ["进展情况", "完成情况", "落实情况", "工作进展"],
  status: ["完成状态", "状态"],
  doneOn: ["完成日期", "完成时间"],
  triggeredOn: ["触发日期"],
  evidence: ["佐证材料"],
  note: ["备注"],
  continuation: [],
  review: [],
};

/** Folds what varies in how a header is typed: full-width forms, spaces, line breaks, 必填 asterisks. */
export function headerKey(text: string): string {
  return text.normalize("NFKC").replace(/[\s*＊:：]+/g, "");
}

const byKey = new Map<string, { field: keyof LedgerRow; rank: number }>();
for (const column of LEDGER_COLUMNS) byKey.set(headerKey(column.header), { field: column.field, rank: 0 });
for (const [field, words] of Object.entries(SYNONYMS) as [keyof LedgerRow, readonly string[]][]) {
  words.forEach((word, rank) => {
    if (!byKey.has(headerKey(word))) byKey.set(headerKey(word), { field, rank });
  });
}

/** The field a header names, with its rank among the field's synonyms (0 is best); undefined when unknown. */
export function fieldOfHeader(text: string): { field: keyof LedgerRow; rank: number } | undefined {
  const key = headerKey(text);
  if (!key) return undefined;
  // "完成时限（年月日）", "责任科室（填写全称）": the bracketed hint is not the name.
  return byKey.get(key) ?? byKey.get(key.replace(/\(.*?\)$/, ""));
}
