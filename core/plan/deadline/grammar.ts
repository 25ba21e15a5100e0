import { isoDate, lastDayOfMonth } from "../../calendar";
import type { DeadlineRule } from "../schema";
import { CLAUSE_END, COUNT, clauseStart, countValue } from "./text";

/**
 * One wording of a time limit. `inProse` says whether it is also looked for inside a requirement's text,
 * where adverbs like 及时 and 定期 appear in nearly every sentence and say nothing about a date.
 */
export interface Wording {
  /** Global, and never matches the empty string (it is run with an exec loop). */
  pattern: RegExp;
  inProse: boolean;
  rule(match: RegExpExecArray, year: number): DeadlineRule | undefined;
  /**
   * Where the wording begins when it reaches back before the match: the trigger of 「…之日起20个工作日内」.
   * Patterns find the fixed part and look back from it, since a pattern that starts with the free text would
   * try every position of the clause against the rest of it.
   */
  start?(match: RegExpExecArray): number;
}

const BEFORE = "(?:之前|以前|前)";

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month);
}

function by(year: number, month: number, day: number | "last"): DeadlineRule | undefined {
  const date = day === "last" ? lastDayOfMonth(year, month) : day;
  return validDay(year, month, date) ? { kind: "by", date: isoDate(year, month, date) } : undefined;
}

function annual(month: number, day: number | "last"): DeadlineRule | undefined {
  // A leap year, so that 每年2月29日前 is accepted; dueDate clamps it in other years.
  return day === "last" || validDay(2024, month, day) ? { kind: "annual", month, day } : undefined;
}

const QUARTER: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

const PERIOD: Readonly<Record<string, "year" | "quarter" | "month">> = {
  年: "year", 年内: "year", 季: "quarter", 季度: "quarter", 月: "month",
};

// Words that introduce the trigger of 「…之日起N个工作日内」: 「应当自收到申请之日起」, 「于处罚结果作出后」.
// The lookarounds keep 关于, 对于, 存在, 自然 … from being read as one.
const TRIGGER_START = /(?:应当|应|须|要)?(?<![关属对由基用处等存现实所正])(?:自|于|在|从)(?![然身主动治行愿己])/g;

/** Where the trigger begins in the clause before a within-rule's anchor (之日起, 后 …); the match itself without one. */
function triggerStart(m: RegExpExecArray): number {
  if (!m[1]) return m.index;
  const clause = clauseStart(m.input, m.index);
  let start = clause;
  for (const marker of m.input.slice(clause, m.index).matchAll(TRIGGER_START)) start = clause + marker.index + marker[0].length;
  return start;
}

/** Every wording the four plan documents use, and the ones DESIGN.md names. */
export const WORDINGS: readonly Wording[] = [
  {
    // 每年1月31日前, 于每年的1月31日前
    pattern: new RegExp(`每年的?(\\d{1,2})月(\\d{1,2})日${BEFORE}`, "g"),
    inProse: true,
    rule: (m) => annual(Number(m[1]), Number(m[2])),
  },
  {
    // 每年2月底前
    pattern: new RegExp(`每年的?(\\d{1,2})月[底末]${BEFORE}`, "g"),
    inProse: true,
    rule: (m) => annual(Number(m[1]), "last"),
  },
  {
    // 每年年底前
    pattern: new RegExp(`每年的?年[底末]${BEFORE}?`, "g"),
    inProse: true,
    rule: () => annual(12, 31),
  },
  {
    // 每月25日前
    pattern: new RegExp(`每个?月(\\d{1,2})日${BEFORE}`, "g"),
    inProse: true,
    rule: (m) => {
      const day = Number(m[1]);
      return day >= 1 && day <= 31 ? { kind: "monthly", day } : undefined;
    },
  },
  {
    // 每月底前
    pattern: new RegExp(`每个?月[底末]${BEFORE}`, "g"),
    inProse: true,
    rule: () => ({ kind: "monthly", day: "last" }),
  },
  {
    // 5月31日前, 2022年5月31日前
    pattern: new RegExp(`(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日${BEFORE}`, "g"),
    inProse: true,
    rule: (m, year) => by(m[1] ? Number(m[1]) : year, Number(m[2]), Number(m[3])),
  },
  {
    // 6月底前, 2022年8月底前
    pattern: new RegExp(`(?:(\\d{4})年)?(\\d{1,2})月[底末]${BEFORE}`, "g"),
    inProse: true,
    rule: (m, year) => by(m[1] ? Number(m[1]) : year, Number(m[2]), "last"),
  },
  {
    // 年底前, 2022年年底前, 2022年底前
    pattern: new RegExp(`(?:(\\d{4})年年?|年)[底末]${BEFORE}`, "g"),
    inProse: true,
    rule: (m, year) => by(m[1] ? Number(m[1]) : year, 12, "last"),
  },
  {
    // 每季度末, 每季度结束前: still once a quarter, the end of it named
    pattern: new RegExp(`[每按]个?季度?(?:末|底|结束)${BEFORE}?`, "g"),
    inProse: true,
    rule: () => ({ kind: "periodic", every: "quarter" }),
  },
  {
    // 每半年, 每半年一次: twice a year
    pattern: /每半年(?:至少)?(?:[一1]次)?/g,
    inProse: true,
    rule: () => ({ kind: "periodic", every: "year", times: 2 }),
  },
  {
    // 一季度, 第二季度末, 2022年三季度前, 四季度内: by the quarter's last day
    pattern: new RegExp(`(?<![每按各])(?:(\\d{4})年)?(?:第)?([一二三四1-4])季度(?:末|底|结束)?(?:${BEFORE}|内|完成)?(?![起开])`, "g"),
    inProse: true,
    rule: (m, year) => by(m[1] ? Number(m[1]) : year, QUARTER[m[2]!]! * 3, "last"),
  },
  {
    // 上半年, 下半年, 年中: by the half's last day
    pattern: new RegExp(`(?<![每])(?:(\\d{4})年)?(上半年|下半年|年中)(?:末|底)?(?:${BEFORE}|内|完成)?`, "g"),
    inProse: true,
    rule: (m, year) => by(m[1] ? Number(m[1]) : year, m[2] === "下半年" ? 12 : 6, "last"),
  },
  {
    // 次年1月, 次年3月底前, 明年2月15日前: the month of the year after the plan's
    pattern: new RegExp(`(?:次年|明年|下一年度?|翌年)(\\d{1,2})月(?:份)?(?:(\\d{1,2})日|[底末])?${BEFORE}?`, "g"),
    inProse: true,
    rule: (m, year) => by(year + 1, Number(m[1]), m[2] ? Number(m[2]) : "last"),
  },
  {
    // 9月中旬, 2022年10月上旬前: 上旬 the 10th, 中旬 the 20th, 下旬 the month's end
    pattern: new RegExp(`(?:(\\d{4})年)?(\\d{1,2})月份?(上旬|中旬|下旬)(?:${BEFORE}|内|完成)?`, "g"),
    inProse: true,
    rule: (m, year) => by(m[1] ? Number(m[1]) : year, Number(m[2]), m[3] === "上旬" ? 10 : m[3] === "中旬" ? 20 : "last"),
  },
  {
    // A 时限 cell that is only a month or a date: "9月份", "2022年9月", "12月31日", "6月底", "年底", "年内", "全年"
    pattern: new RegExp(`(?:(\\d{4})年)?(\\d{1,2})月(?:份)?(?:(\\d{1,2})日|[底末])?(?:${BEFORE}|内|完成|底)?(?![\\d日])`, "g"),
    inProse: false,
    rule: (m, year) => by(m[1] ? Number(m[1]) : year, Number(m[2]), m[3] ? Number(m[3]) : "last"),
  },
  {
    pattern: new RegExp(`(?:(\\d{4})年)?(?:年[底末]|年内|全年)(?:${BEFORE}|完成)?`, "g"),
    inProse: false,
    rule: (m, year) => by(m[1] ? Number(m[1]) : year, 12, "last"),
  },
  {
    // 信息形成或者变更之日起20个工作日内, 于处罚结果作出后7个工作日内, 每月后10个工作日内, 30日内
    pattern: new RegExp(`(之日起|之日后|之日|起|后)?(${COUNT})个?(工作日|日|天)(?:之内|以内|内)`, "g"),
    inProse: true,
    rule: (m) => {
      const amount = countValue(m[2]!);
      if (!amount) return undefined;
      const after = m[1] ? m.input.slice(triggerStart(m), m.index) : "";
      return { kind: "within", amount, unit: m[3] === "工作日" ? "workday" : "day", after };
    },
    start: triggerStart,
  },
  {
    // 每年至少召开一次, 每年至少听取1次, 年内组织培训不少于1次
    pattern: new RegExp(`(每年|年内|每季度?|每个?月)[^${CLAUSE_END}]{0,24}?(${COUNT})次(?!性)`, "g"),
    inProse: true,
    rule: (m) => {
      const times = countValue(m[2]!);
      const every = PERIOD[m[1]!.replace(/^每个?/, "")];
      return times && every ? { kind: "periodic", every, times } : undefined;
    },
  },
  {
    // 每季度, 每月公开, 按月公开, 每年完成
    pattern: /[每按](年|季度?|月)/g,
    inProse: true,
    rule: (m) => ({ kind: "periodic", every: PERIOD[m[1]!]! }),
  },
  {
    // 疫情防控期间
    pattern: /期间/g,
    inProse: false,
    rule: (m) => {
      const period = m.input.slice(clauseStart(m.input, m.index), m.index);
      return period ? { kind: "during", period } : undefined;
    },
    start: (m) => clauseStart(m.input, m.index),
  },
  {
    // 及时更新, 及时发布, 长期坚持, 长期开展, 长期落实…, 动态调整, 持续推进, 常态化开展
    // Only the adverb and a verb: the rest of the clause may still state a date (「长期落实…并于2022年8月底前…」),
    // and whatever is left without a time word is not reported anyway.
    pattern: new RegExp(`(?:长期|及时|持续|动态|常态化?)[^、\\d${CLAUSE_END}]{0,2}`, "g"),
    inProse: false,
    rule: () => ({ kind: "ongoing" }),
  },
  {
    // 定期召开, 定期开展, 定期公开: no period is named, and the plan is a year's plan, so at least once a year.
    pattern: new RegExp(`定期[^、\\d${CLAUSE_END}]{0,2}`, "g"),
    inProse: false,
    rule: () => ({ kind: "periodic", every: "year" }),
  },
];

/**
 * What a piece of text left over by every rule must contain to be reported as an unread time limit rather
 * than the rest of a sentence (「归集展示相关信息」 after 「2022年8月底前…」 is not a deadline).
 */
export const TIME_HINT =
  /\d|[一二两三四五六七八九十]个?(?:次|日|天|月|年|周|工作日)|次性|[年月][底末]|[年月日天](?:前|内)|每[年月周季日天半]|季度|半年|旬|全年|年内|次年|定期|期间|期限|时限|及时|长期|适时|尽快|立即|随时/;
