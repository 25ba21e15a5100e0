// Text clean-up shared by the layout readers. The documents come from PDF and Word conversions, so cells carry
// <p> tags, spaces inside words ("政务 公 开") and mixed half- and full-width brackets.

const CJK = String.raw`\u3000-\u303f\u3400-\u9fff\uff00-\uffef`;
const SPACE_NEXT_TO_CJK = new RegExp(String.raw`\s+(?=[${CJK}])|(?<=[${CJK}])\s+`, "g");

/** A cell's text as a reader wants it: no markup, no line breaks, no spaces the conversion put between words. */
export function cleanCell(text: string): string {
  return text
    .replace(/<\/?p>/g, " ")
    .replace(/\s+/g, " ")
    .replace(SPACE_NEXT_TO_CJK, "")
    .trim();
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 as a number; undefined for anything else. */
export function chineseNumber(text: string): number | undefined {
  if (!/^[一二三四五六七八九十]{1,3}$/.test(text)) return undefined;
  if (text === "十") return 10;
  const [tens, ones] = text.includes("十") ? text.split("十") : ["", text];
  const t = tens === "" ? (text.includes("十") ? 1 : 0) : CHINESE_DIGITS[tens!];
  const o = ones === "" ? 0 : CHINESE_DIGITS[ones!];
  if (t === undefined || o === undefined) return undefined;
  return t * 10 + o;
}

/** 一、 top heading: "一、优化政务公开工作基础". */
export const SECTION_HEADING = /^([一二三四五六七八九十]{1,3})\s*、\s*(.+)$/;
/** （一） sub-heading, with any mix of half- and full-width brackets and stray spaces. */
export const SUB_HEADING = /^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*(.*)$/;
/** "12." or "12．" or "12、" numbering at the start of a requirement. */
export const ITEM_NUMBER = /^(\d{1,3})\s*[.．、]\s*/;

/** "(三) 提升…" and "（ 三）提升…" read as "（三）提升…", so a heading is spelled one way whatever the page. */
export function normalizeHeading(text: string): string {
  return text.replace(/^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*/, "（$1）");
}
