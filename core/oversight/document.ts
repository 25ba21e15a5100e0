// A Word document as plain content (headings, paragraphs, tables): core says what the 通报 and the 年度报告 section
// say, api/docx lays them out with the `docx` package. One model, so the words are testable without Word.

export type DocBlock =
  | { kind: "heading"; level: 1 | 2; text: string }
  | { kind: "paragraph"; text: string; align?: "right" | "center"; indent?: boolean }
  | { kind: "table"; header: string[]; rows: string[][]; widths?: number[] };

export interface DocModel {
  title: string;
  /** Under the title: a 文号 or 截至 line. */
  subtitle?: string;
  blocks: DocBlock[];
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五: the numbers of 一、二、 and （一）（二）. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ""}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ""}`;
  const rest = n % 100;
  return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? "" : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`;
}

/** "2022-06-30" → "2022年6月30日". */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** 0.8734 → "87.3%". */
export function percentText(part: number, whole: number): string {
  return whole === 0 ? "—" : `${(Math.round((1000 * part) / whole) / 10).toFixed(1)}%`;
}
