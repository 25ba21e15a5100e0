// Task numbers as units write them: 1, 1., 1、, (1), （1）, 第1项, 一、, 十一, 第十二条. Both the plan's numbers and
// the sheet's go through numberKey, so "七" in a 序号 cell is the plan's task 7 and "1.10" stays 1.10.

const DIGIT: Readonly<Record<string, number>> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九百九十九 as a number; undefined for anything else. */
export function chineseNumeral(text: string): number | undefined {
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(text)) return undefined;
  let total = 0;
  let digit: number | undefined;
  let seenUnit = false;
  for (const ch of text) {
    if (ch === "百" || ch === "十") {
      const unit = ch === "百" ? 100 : 10;
      total += (digit ?? (ch === "十" && !seenUnit && total === 0 ? 1 : 0)) * unit;
      if (digit === undefined && !(ch === "十" && total === 10)) return undefined;
      digit = undefined;
      seenUnit = true;
    } else {
      if (digit !== undefined && digit !== 0) return undefined;
      digit = DIGIT[ch];
    }
  }
  total += digit ?? 0;
  return total > 0 ? total : undefined;
}

/** The number's core as a comparable key: "（3）", "第3项", "3、" and "三" are all "3". */
export function numberKey(no: string): string {
  let key = no.normalize("NFKC").replace(/\s+/g, "");
  key = key.replace(/^第(.+?)[项条个]?$/, "$1");
  key = key.replace(/^[(（【\[](.+?)[)）】\]]$/, "$1").replace(/^(.+?)[)）]$/, "$1");
  key = key.replace(/[.、．,，]+$/, "");
  const chinese = chineseNumeral(key);
  return chinese === undefined ? key : String(chinese);
}

/** Whether the text is only a number (in any of those forms), not a heading that starts with one. */
export function isTaskNumber(no: string): boolean {
  return /^[\dA-Za-z]+(?:\.\d+)*$/.test(numberKey(no));
}
