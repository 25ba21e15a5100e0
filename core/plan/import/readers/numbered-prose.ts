import type { LayoutReading, RawTask } from "../raw-task";
import { chineseNumber, cleanCell, ITEM_NUMBER, normalizeHeading, SECTION_HEADING, SUB_HEADING } from "../text";

// Seed 004's layout: headings 一、 / （一） and numbered items or one paragraph under each, every requirement
// ending in "（责任单位：…）".

const RESPONSIBLE = /[（(]\s*责任单位\s*[:：]\s*([^）)]*)[）)]\s*$/;
/** A top heading whose 二 was lost in conversion: "2、 进一步推进…". */
const DAMAGED_SECTION = /^(\d{1,2})\s*、\s*(.+)$/;

const CHINESE_NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export function readNumberedProse(lines: readonly string[]): LayoutReading {
  const reading: LayoutReading = { tasks: [], warnings: [] };
  let sectionNumber = 0;
  let section = "";
  let subNumber = 0;
  let category: string | undefined;
  let itemInPlace = 0;
  let pending: { text: string; line: number; printed?: string } | undefined;

  const idFor = (item?: number) => [sectionNumber, subNumber || undefined, item].filter((n) => n !== undefined).join(".");

  const finish = (text: string, line: number, printed?: number) => {
    const responsible = RESPONSIBLE.exec(text);
    if (!responsible) {
      pending = { text, line };
      return;
    }
    const id = idFor(printed);
    reading.tasks.push({
      id,
      no: id,
      section,
      category,
      text: text.slice(0, responsible.index).trim(),
      unitsText: responsible[1]!.trim(),
      line,
    });
    pending = undefined;
  };

  lines.forEach((raw, index) => {
    const line = cleanCell(raw);
    if (!line) return;
    const sectionMatch = SECTION_HEADING.exec(line);
    const damaged = DAMAGED_SECTION.exec(line);
    if (sectionMatch || (damaged && Number(damaged[1]) === sectionNumber + 1 && sectionNumber > 0)) {
      const number = sectionMatch ? chineseNumber(sectionMatch[1]!) ?? sectionNumber + 1 : Number(damaged![1]);
      if (damaged && !sectionMatch)
        reading.warnings.push({ line: index + 1, code: "damaged-heading", message: `第${index + 1}行的标题编号“${damaged[1]}、”按“${CHINESE_NUMERALS[number] ?? number}、”读取。` });
      sectionNumber = number;
      section = sectionMatch ? line : `${CHINESE_NUMERALS[number] ?? number}、${damaged![2]}`;
      subNumber = 0;
      category = undefined;
      itemInPlace = 0;
      return;
    }
    if (sectionNumber === 0) return; // the preamble before 一、
    const sub = SUB_HEADING.exec(line);
    if (sub) {
      subNumber = chineseNumber(sub[1]!) ?? subNumber + 1;
      category = normalizeHeading(line);
      itemInPlace = 0;
      return;
    }
    const item = ITEM_NUMBER.exec(line);
    if (item && Number(item[1]) === itemInPlace + 1) {
      itemInPlace += 1;
      finish(line.slice(item[0].length), index + 1, itemInPlace);
      return;
    }
    if (pending) {
      finish(`${pending.text}${line}`, pending.line, itemInPlace || undefined);
      return;
    }
    finish(line, index + 1, itemInPlace || undefined);
  });
  if (pending)
    reading.warnings.push({ line: pending.line, code: "no-unit", message: `第${pending.line}行的要求没有“（责任单位：…）”，未作为任务导入。` });
  return reading;
}
