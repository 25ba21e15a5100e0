// What a column holds, from the words of its header, whatever the order of the columns.
import { cleanCell } from "../text";

export type ColumnRole =
  | "no" // 序号
  | "section" // 所属部分: the heading a task stands under
  | "category" // 分项: the sub-heading
  | "text" // 重点任务, 工作任务, 具体要求 …: the task, or a heading over it (decided per table, see read-table.ts)
  | "measures" // 具体措施, 工作措施
  | "lead" // 牵头单位
  | "support" // 配合单位
  | "responsible" // 责任单位, 牵头落实单位: lead and support in one cell ("X牵头，Y配合")
  | "allUnits" // 各单位 (the 方案 sheet's own column)
  | "deadline" // 完成时限
  | "ignored" // 时限识别为, 问题 (written by Taizhang), 备注, 分管领导 …
  | "ledger" // 分管领导, 责任科室 in a 台账 template
  | "upstream" // 市直部门 of a list of upper-level departments' work
  | "local"; // 高新区责任部门: the local unit answering for an upstream item

/** Folds what varies in how a header is typed: spaces, line breaks, full-width forms, asterisks, trailing colons. */
export function headerKey(text: string): string {
  return cleanCell(text).normalize("NFKC").replace(/[\s*:：]+/g, "").replace(/[（(][^）)]*[）)]$/, "");
}

const ROLES: ReadonlyArray<[ColumnRole, RegExp]> = [
  ["no", /^(?:序号|编号|序|项次|任务编号|条目|号)$/],
  ["section", /^(?:所属部分|部分|章节|板块|一级标题|大类)$/],
  ["category", /^(?:分项|二级标题|小类|子项)$/],
  ["ignored", /^(?:时限识别为|识别为|问题|导入问题|备注|说明|完成情况|进展情况|落实情况|佐证材料)$/],
  ["allUnits", /^各单位$/],
  ["ledger", /^(?:分管领导|责任领导|责任人|联系人)$/],
  ["upstream", /^(?:[市省县区]直(?:部门|单位)|上级部门|[市省]级牵头部门)$/],
  ["support", /^(?:配合|协办|协同|协助|参与|配合责任)(?:单位|部门|科室|处室)?$|^责任单位配合$/],
  ["lead", /^(?:牵头|主办|主责|牵头责任|牵头负责)(?:单位|部门|科室|处室)$|^责任单位牵头$/],
  ["responsible", /^(?:责任|牵头落实|落实|承办|实施|负责|主体|完成|执行)(?:单位|部门|科室|处室)(?:单位)?$|^责任主体$|^责任科室单位$/],
  ["local", /^.{1,6}(?:责任部门|责任单位|对接部门|对接单位)$/],
  ["deadline", /^(?:完成|工作|计划)?(?:时限|时间|期限|进度)(?:要求|节点|安排|进度)?$|^(?:完成时限要求|完成日期|截止时间|截止日期)$/],
  ["measures", /^(?:具体|工作|主要|落实|推进|重点)?(?:措施|举措)$/],
  ["text", /^(?:(?:重点|主要|工作|具体|目标|年度)?(?:任务|要求|内容|事项|要点)(?:内容|名称|事项)?|任务分解|工作目标|公开内容|牵头公开内容|类别|领域|项目)$/],
];

/** The role a header cell names; undefined for a cell that is no header word (a task's text, a unit's name). */
export function roleOfHeader(text: string): ColumnRole | undefined {
  // A header is a few words; a task's text or a long unit list is none, and is not worth folding.
  if (text.length > 24 || text.length === 0) return undefined;
  const key = headerKey(text);
  if (!key || key.length > 12) return undefined;
  for (const [role, pattern] of ROLES) if (pattern.test(key)) return role;
  return undefined;
}

/** A row is a header when at least two of its cells name a column, one of them the task or its units. */
export function isHeaderRow(cells: readonly string[]): boolean {
  let named = 0;
  let core = false;
  for (const cell of cells) {
    const role = roleOfHeader(cell);
    if (!role) continue;
    named++;
    if (role === "text" || role === "measures" || role === "lead" || role === "responsible" || role === "upstream") core = true;
  }
  return named >= 2 && core;
}
