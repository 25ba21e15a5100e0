// How deadline wording is read before any rule looks at it.

const FULL_WIDTH_DIGIT = /[０-９]/g;
const SPACES = /[\s\u3000]+/g;

/**
 * Full-width digits become ASCII and spaces go: the documents come from PDFs and scans that write
 * "每年的 1 月 31日前" and "１次", while the rules read "每年的1月31日前" and "1次".
 */
export function normalize(text: string): string {
  return text
    .replace(FULL_WIDTH_DIGIT, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(SPACES, "");
}

/** Marks a deadline never spans: the documents list several limits separated by them. */
export const CLAUSE_END = "，,；;。";

/** Where the clause holding `index` begins. */
export function clauseStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (CLAUSE_END.includes(text[i]!)) return i + 1;
  return 0;
}

const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** A count as the documents write it: "20", "一", "两", "十五", "二十". */
export const COUNT = String.raw`\d+|[一二两三四五六七八九十]{1,3}`;

/** The value of a COUNT; undefined for shapes like "十十" that are no number. */
export function countValue(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === "") return undefined;
  const [, tens, ten, ones] = match;
  if (!ten) return tens && !ones ? CHINESE_DIGITS[tens] : undefined;
  return (tens ? CHINESE_DIGITS[tens]! : 1) * 10 + (ones ? CHINESE_DIGITS[ones]! : 0);
}
