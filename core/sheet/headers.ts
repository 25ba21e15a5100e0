import type { LedgerField } from "./columns";

// The words units put at the top of their 台账 columns, in two tiers:
// 1. names: each field's synonyms, best first. Where two columns name one field, the better name wins and the
//    other column is kept as an extra (the seeds' 工作任务 heading next to the 具体要求 text: 具体要求 is the task).
// 2. meaning: a header not in the lists is read by the words in it (…措施 is measures, …时限 a deadline, 是否… a
//    status), as long as it is short enough to be a header and not a sentence of a 填表说明.
//
// A lone 责任人 is read as 分管领导: in a unit's own 台账 it names the person answerable for the task, which is what
// 附件3's 分管领导 records. It ranks below 分管领导 and 责任领导, so where a sheet has either, 责任人 is an extra column
// (often the clerk who does the work) and is kept as it is.

const NAMES: Readonly<Record<LedgerField, readonly string[]>> = {
  no: ["序号", "编号", "任务编号", "序", "任务序号", "项目编号", "工作编号"],
  task: [
    "具体要求", "工作要求", "任务内容", "工作内容", "工作任务", "重点工作", "任务名称", "具体任务", "重点任务", "主要任务",
    "工作事项", "任务事项", "工作要点", "事项名称", "任务",
  ],
  deadline: ["时限要求", "完成时限", "时间节点", "时间要求", "完成期限", "办结时限", "时限", "期限", "截止时间", "截止日期", "时间安排"],
  office: [
    "责任科室", "责任股室", "责任部门", "承办科室", "责任处室", "责任科室(单位)", "责任科室单位", "承办股室", "承办部门",
    "牵头科室", "责任单位", "承办单位", "具体承办", "科室",
  ],
  leader: ["分管领导", "责任领导", "分管负责人", "分管局领导", "主管领导", "牵头领导", "责任人", "负责人"],
  role: ["牵头/配合", "牵头或配合", "承担方式", "角色"],
  measures: ["工作措施", "具体措施", "推进措施", "落实措施", "工作举措", "主要措施", "措施", "举措", "具体做法"],
  progress: [
    "进展情况", "完成进度", "推进情况", "完成情况", "落实情况", "工作进展", "目前进展", "工作完成情况", "落实进度", "进展", "进度",
  ],
  status: ["完成状态", "状态", "是否完成", "办理状态", "是否办结", "办结状态", "任务状态", "完成与否"],
  doneOn: ["完成日期", "完成时间", "办结日期", "办结时间", "实际完成时间", "实际完成日期", "完结时间", "完结日期"],
  triggeredOn: ["触发日期", "信息形成日期", "形成日期"],
  evidence: ["佐证材料", "佐证", "证明材料", "附件", "佐证资料", "证明资料", "相关材料", "支撑材料"],
  note: ["备注", "备注说明", "说明"],
};

/** Read by meaning when the words are new; the first rule that fits wins. */
const MEANINGS: ReadonlyArray<readonly [RegExp, LedgerField]> = [
  [/^是否.*(完成|办结|完结|落实)|(完成|办结)与否/, "status"],
  [/(完成|办结|完结|办理|落实|实际).*(日期|时间)$/, "doneOn"],
  [/时限|期限|节点|截止|时间要求/, "deadline"],
  [/状态/, "status"],
  [/措施|举措|做法|计划/, "measures"],
  [/进展|进度|(推进|完成|落实|办理|执行|工作)情况/, "progress"],
  [/佐证|证明|附件|材料|链接/, "evidence"],
  [/领导|负责人|责任人/, "leader"],
  [/科室|股室|处室|部门|承办|责任单位/, "office"],
  [/序号|编号/, "no"],
  [/任务|事项|工作内容|要点|要求/, "task"],
  [/备注/, "note"],
  [/触发/, "triggeredOn"],
];

export type HeaderHow = "name" | "meaning";

export interface HeaderMeaning {
  field: LedgerField;
  /** Lower is better; names rank by their place in the list, readings by meaning after every name. */
  rank: number;
  how: HeaderHow;
}

/** Folds what varies in how a header is typed: full-width forms, spaces, line breaks, 必填 asterisks. */
export function headerKey(text: string): string {
  return text.normalize("NFKC").replace(/[\s*＊※:：]+/g, "");
}

/** 完成时限（年月日）, 责任科室（填写全称）, 是否完成(是/否): the bracketed hint is not the name. */
function withoutHint(key: string): string {
  return key.replace(/\(.*?\)$/, "").replace(/\[.*?\]$/, "");
}

const byKey = new Map<string, HeaderMeaning>();
for (const [field, words] of Object.entries(NAMES) as [LedgerField, readonly string[]][]) {
  words.forEach((word, rank) => {
    const key = headerKey(word);
    if (!byKey.has(key)) byKey.set(key, { field, rank, how: "name" });
  });
}

/** Longer than this, or with sentence punctuation, a cell is prose (a 填表说明, a title), not a header. */
const MAX_HEADER_LENGTH = 12;
const PROSE = /[。；;，,！!？?]|^\d+[.、]/;

/** Whether a cell's text could be a column header at all. */
export function headerLike(text: string): boolean {
  const key = headerKey(text);
  return key.length > 0 && key.length <= MAX_HEADER_LENGTH + 8 && !PROSE.test(key) && !/^[\d.\-/年月日]+$/.test(key);
}

/** The field a header names, how sure that is, and how it was read; undefined when it names nothing known. */
export function fieldOfHeader(text: string): HeaderMeaning | undefined {
  const key = headerKey(text);
  if (!key || !headerLike(text)) return undefined;
  const bare = withoutHint(key);
  const named = byKey.get(key) ?? byKey.get(bare);
  if (named) return named;
  if (bare.length > MAX_HEADER_LENGTH) return undefined;
  const index = MEANINGS.findIndex(([words]) => words.test(bare));
  return index < 0 ? undefined : { field: MEANINGS[index]![1], rank: 100 + index, how: "meaning" };
}

/**
 * How a status column is written: 是否完成 / 是否办结 take 是 and 否 (and √, ×) besides the standard words.
 */
export type StatusForm = "words" | "yesNo";

export function statusFormOf(header: string): StatusForm {
  const bare = withoutHint(headerKey(header));
  return /^是否|与否$/.test(bare) ? "yesNo" : "words";
}

/** Every name a field is known by, best first (for tests and for the pane's explanations). */
export function namesOf(field: LedgerField): readonly string[] {
  return NAMES[field];
}
