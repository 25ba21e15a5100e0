// The numbering styles offices use for headings and items, and which one a line starts with. A document nests
// its styles in the order it first uses them (一、 › （一） › 1. › （1） › ①, or any other order), so the
// readers take a style's depth from the document, not from a fixed table.

/** 一 … 九十九, 〇 and 零 included ("一〇" is rare but seen); undefined for anything else. */
export function chineseNumber(text: string): number | undefined {
  if (!/^[一二三四五六七八九十〇零两]{1,4}$/.test(text)) return undefined;
  const digit = (ch: string) => "〇一二三四五六七八九".indexOf(ch === "零" ? "〇" : ch === "两" ? "二" : ch);
  if (!text.includes("十")) return text.length === 1 ? digit(text) || undefined : undefined;
  const [tens, ones] = text.split("十") as [string, string];
  if (tens.length > 1 || ones.length > 1) return undefined;
  const t = tens === "" ? 1 : digit(tens);
  const o = ones === "" ? 0 : digit(ones);
  return t > 0 && o >= 0 ? t * 10 + o : undefined;
}

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const CN = "[一二三四五六七八九十〇零两]{1,4}";

export type NumberingStyle =
  | "第一条" // 第一条 / 第一项 / 第一部分
  | "一、" // 一、 一．
  | "（一）"
  | "1.1" // decimal outline 1.1 / 1.2.3
  | "1." // 1. 1． 1、
  | "（1）" // （1） (1) 1） 1)
  | "①"
  | "1、"; // kept apart from "1." only to read a damaged 二、 written as "2、" (see the prose reader)

export interface Numbered {
  style: NumberingStyle;
  /** The number the label stands for (1 for 一、 and ①); for "1.1" the last part. */
  number: number;
  /** The label as printed, without the separator: "一", "（一）", "1.2", "12", "①". */
  label: string;
  /** For "1.1": every part, [1, 2]. */
  parts?: number[];
  /** The rest of the line after the label. */
  rest: string;
}

// Each pattern takes the label at the start of a cleaned line. Arabic labels stop at 3 digits before a dot only
// because "2022.5" or "12366" is never an item number; the number itself is not capped.
const PATTERNS: ReadonlyArray<{ style: NumberingStyle; pattern: RegExp; value: (m: RegExpExecArray) => number | undefined; label: (m: RegExpExecArray) => string }> = [
  { style: "第一条", pattern: new RegExp(`^第(${CN}|\\d+)(?:条|项|部分|章)[、，,:：\\s]*`), value: (m) => chineseNumber(m[1]!) ?? Number(m[1]), label: (m) => m[0].trim() },
  { style: "一、", pattern: new RegExp(`^(${CN})\\s*[、．.]\\s*`), value: (m) => chineseNumber(m[1]!), label: (m) => m[1]! },
  { style: "（一）", pattern: new RegExp(`^[(（]\\s*(${CN})\\s*[)）]\\s*[、.．]?\\s*`), value: (m) => chineseNumber(m[1]!), label: (m) => `（${m[1]}）` },
  { style: "1.1", pattern: /^(\d{1,4}(?:\s*[.．]\s*\d{1,4}){1,4})(?![\d%％])\s*[.．、]?\s*(?=\D)/, value: (m) => Number(m[1]!.split(/[.．]/).at(-1)), label: (m) => m[1]!.replace(/\s+/g, "").replace(/．/g, ".") },
  { style: "1.", pattern: /^(\d{1,5})\s*[.．](?![\d.．])\s*/, value: (m) => Number(m[1]), label: (m) => m[1]! },
  { style: "1、", pattern: /^(\d{1,5})\s*、\s*/, value: (m) => Number(m[1]), label: (m) => m[1]! },
  { style: "（1）", pattern: /^(?:[(（]\s*(\d{1,5})\s*[)）]|(\d{1,5})\s*[)）])\s*[、.．]?\s*/, value: (m) => Number(m[1] ?? m[2]), label: (m) => `（${m[1] ?? m[2]}）` },
  { style: "①", pattern: new RegExp(`^([${CIRCLED}])\\s*[、.．]?\\s*`), value: (m) => CIRCLED.indexOf(m[1]!) + 1, label: (m) => m[1]! },
];

/** The numbering label a cleaned line starts with, if any. */
export function numberingOf(line: string): Numbered | undefined {
  const first = line.charCodeAt(0);
  // Fast exit: every label starts with a digit, a bracket, 第, a circled number or a Chinese numeral.
  if (Number.isNaN(first)) return undefined;
  for (const { style, pattern, value, label } of PATTERNS) {
    const m = pattern.exec(line);
    if (!m) continue;
    const number = value(m);
    if (number === undefined || !Number.isFinite(number) || number < 1) continue;
    const rest = line.slice(m[0].length);
    // A label alone on a line, or a number followed by a unit of measure (1.5万元, 3、4月), is not numbering.
    if (rest === "" || (/^\d/.test(line) && /^[万亿%％个次年月日天元倍号]/.test(rest))) continue;
    return { style, number, label: label(m), rest, ...(style === "1.1" ? { parts: label(m).split(".").map(Number) } : {}) };
  }
  return undefined;
}

/** "（三）" and "(三)" and "（ 三）" spelled one way, so a heading reads the same whatever the page. */
export function normalizeHeading(text: string): string {
  return text.replace(/^[(（]\s*([一二三四五六七八九十〇零两]{1,4})\s*[)）]\s*/, "（$1）");
}

const CHINESE_NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
export function chineseNumeral(n: number): string {
  if (n <= 10) return CHINESE_NUMERALS[n] ?? String(n);
  if (n < 20) return `十${CHINESE_NUMERALS[n - 10]}`;
  if (n < 100) return `${CHINESE_NUMERALS[Math.floor(n / 10)]}十${CHINESE_NUMERALS[n % 10]}`;
  return String(n);
}
