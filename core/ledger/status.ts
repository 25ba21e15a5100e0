import type { StatusForm } from "../sheet/headers";
import { LEDGER_STATUSES, type LedgerStatus } from "./schema";

/**
 * Words clerks write in the 完成状态 column instead of the five standard ones. They are accepted (with a warning
 * that names the standard word) because their meaning is not in doubt; anything else is an error.
 * Not accepted: 基本完成 and 大部分完成 (done or not is the point of the column), 待定 and 暂缓 (no state at all).
 */
const SYNONYMS: Readonly<Record<string, LedgerStatus>> = {
  完成: "已完成", 已办结: "已完成", 办结: "已完成", 已完结: "已完成", 完结: "已完成", 已落实: "已完成",
  已完成公开: "已完成", 已公开: "已完成", 完毕: "已完成", 已办理: "已完成", "√": "已完成", "✓": "已完成", "✔": "已完成",
  进行中: "推进中", 持续推进: "推进中", 正在推进: "推进中", 推进: "推进中", 正在进行: "推进中", 办理中: "推进中",
  正在办理: "推进中", 在办: "推进中", 部分完成: "推进中", 已启动: "推进中", 落实中: "推进中", 推进中未完成: "推进中",
  未启动: "未开始", 尚未开始: "未开始", 未开展: "未开始", 待开始: "未开始",
  长期: "长期坚持", 持续开展: "长期坚持", 长期开展: "长期坚持", 常态化: "长期坚持", 常态化开展: "长期坚持",
  长期推进: "长期坚持",
  不涉及: "不适用", 无此项: "不适用", 无: "不适用",
};

/** In a 是否完成 column: yes is 已完成; no is not done, which is 推进中 once the row says what was done, else 未开始. */
const YES = new Set(["是", "√", "✓", "✔", "已完成", "完成", "已办结", "办结", "y", "yes"]);
const NO = new Set(["否", "×", "✗", "✘", "x", "未完成", "未办结", "n", "no"]);

const STANDARD = new Set<string>(LEDGER_STATUSES);

export type StatusReading =
  | { kind: "empty" }
  | { kind: "standard"; status: LedgerStatus }
  | { kind: "synonym"; status: LedgerStatus; written: string }
  /** 是 or 否 (or √, ×) in a 是否完成 column. */
  | { kind: "yes" | "no"; written: string }
  | { kind: "unknown"; written: string };

/** Reads a status cell, tolerant of spaces, full-width forms and trailing punctuation. */
export function readStatus(text: string, form: StatusForm = "words"): StatusReading {
  const written = text.normalize("NFKC").replace(/\s+/g, "").replace(/[。.!！]+$/, "");
  if (written === "") return { kind: "empty" };
  if (STANDARD.has(written)) return { kind: "standard", status: written as LedgerStatus };
  if (form === "yesNo") {
    const lower = written.toLowerCase();
    if (YES.has(lower)) return { kind: "yes", written };
    if (NO.has(lower)) return { kind: "no", written };
  }
  const status = SYNONYMS[written];
  return status ? { kind: "synonym", status, written } : { kind: "unknown", written };
}

/**
 * What a yes/no cell means for a row: 是 is 已完成; 否 is 推进中 when the row has measures or progress, else 未开始.
 * The writer uses the same rule backwards, so a row written as 否 reads back as the status it was.
 */
export function yesNoStatus(yes: boolean, started: boolean): LedgerStatus {
  return yes ? "已完成" : started ? "推进中" : "未开始";
}
