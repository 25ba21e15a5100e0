// The plan's title, year, issuer, document number, issue date and 台账 date, from wherever the document states
// them: the head of a 文件, the cover letter, the title, the body, the signature block, or labelled fields
// (the 方案 sheet's "年度：2022").
import { isoDate, lastDayOfMonth } from "../../calendar";
import { chineseNumber } from "./numbering";
import { tidyCell } from "./table/model";
import { cleanCell, halfWidth } from "./text";

export interface PlanMetadata {
  title?: string;
  year?: number;
  issuer?: string;
  docNumber?: string;
  issuedOn?: string;
  ledgerDue?: string;
  /** The units the cover letter is addressed to (主送), "唐家湾镇、区发改重大办（筹）…：". */
  recipients: string[];
}

/** Lines searched for the head of a document (文件 header, 文号, cover letter, title). */
const HEAD_LINES = 60;
const DOC_NUMBER = /[\u4e00-\u9fff]{1,12}\s*[〔[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,5}\s*号/;
const LABELS = "年度|方案年度|文号|发文字号|发文单位|印发单位|发文机关|发布机构|印发日期|成文日期|发文日期|发布日期|台账报送|台账报送日期|台账报送时间|方案名称|标题";
/** "文号：…" anywhere in a line or a cell, up to the next label or a wide gap: "发布机构：X  文号：Y". */
const LABEL = new RegExp(`(${LABELS})\\s*[:：]\\s*`, "g");
const WHOLE_LABEL = new RegExp(`^(${LABELS})\\s*[:：]?$`);

const CN_DIGIT = "〇一二三四五六七八九";
/** "二〇二二" → 2022. */
function chineseYear(text: string): number | undefined {
  if (!/^[〇零一二三四五六七八九]{4}$/.test(text)) return undefined;
  return Number([...text].map((ch) => CN_DIGIT.indexOf(ch === "零" ? "〇" : ch)).join(""));
}

function dateOf(year: number, month: number, day: number | "last"): string | undefined {
  if (!(year >= 2000 && year <= 2100) || month < 1 || month > 12) return undefined;
  const last = lastDayOfMonth(year, month);
  if (day !== "last" && (day < 1 || day > last)) return undefined;
  return isoDate(year, month, day === "last" ? last : day);
}

/** "2022年7月4日", "二〇二二年七月四日", "2022-07-04", "2022.7.4" → ISO; the whole text must be the date. */
export function readDate(text: string): string | undefined {
  const t = halfWidth(text).replace(/\s+/g, "");
  let m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t) ?? /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(t);
  if (m) return dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/.exec(t);
  if (m) {
    const year = chineseYear(m[1]!);
    const month = chineseNumber(m[2]!);
    const day = chineseNumber(m[3]!);
    return year && month && day ? dateOf(year, month, day) : undefined;
  }
  return undefined;
}

/** The plan's own title: the first line naming a 方案/要点 that is not the cover letter, joined with a wrapped first half. */
function findTitle(lines: readonly string[]): string | undefined {
  const limit = Math.min(lines.length, 400);
  for (let i = 0; i < limit; i++) {
    const line = cleanCell(lines[i]!.replace(/\t/g, " "));
    if (!/(?:方案|要点|分解表|分工表|任务清单|任务表|工作安排)$/.test(line) || /关于印发|通知|附件[:：]/.test(line) || line.length > 60 || /^[|]/.test(line)) continue;
    let title = line.replace(/^附件\s*\d*\s*/, "");
    if (/^#/.test(title)) return title.replace(/^#+\s*/, "");
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const previous = cleanCell(lines[j]!);
      if (!previous) continue;
      if (/[。：:；;）)」》.]$/.test(previous) || /^\d{4}年\d/.test(previous) || /[A-Za-z|]/.test(previous) || previous.length > 40 || /^附件/.test(previous)) break;
      title = previous + title;
      break;
    }
    return title;
  }
  return undefined;
}

/** The year a body names most for the plan: "2024年政务公开工作要点", "2024年度". */
function bodyYear(text: string): number | undefined {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*年度?(?:[^，。；\n]{0,12}?)(?:政务公开|工作要点|工作方案|分工方案|重点工作|工作任务|台账)/g)) {
    const year = Number(m[1]);
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [year, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && year > best)) best = year;
  return best;
}

// "于5月31日前将台账报送…", "台账……于6月30日前报送", "6月底前报送台账", "请于2022年5月31日前将本单位工作台账报…".
const DUE_IN = /(?:(\d{4})\s*年)?(\d{1,2})\s*月(?:(\d{1,2})\s*日|([底末]))\s*(?:之前|以前|前)/;
const SEND = /报送|报|提交|上报|送|发送|交/;

/** The date in a sentence that asks for the 台账 by a date, if the sentence is one. */
function ledgerDueIn(sentence: string): RegExpExecArray | undefined {
  if (!sentence.includes("台账")) return undefined;
  const due = DUE_IN.exec(sentence);
  if (!due || !SEND.test(sentence.slice(due.index))) return undefined;
  // A sentence about something else's deadline that mentions the 台账 in passing does not count.
  return /于|前|请|应|须|要/.test(sentence) ? due : undefined;
}

function ledgerDue(text: string, year: number): string | undefined {
  // Split, not a regex around 台账: a long text without a full stop would make that quadratic.
  for (const sentence of text.split(/[。；;]/)) {
    const due = ledgerDueIn(sentence);
    if (due) return dateOf(due[1] ? Number(due[1]) : year, Number(due[2]), due[4] ? "last" : Number(due[3]));
  }
  return undefined;
}

/**
 * A line that only asks for the 台账 by a date ("各单位请于12月10日前将工作台账报送…"): the plan's metadata, not
 * the text or the deadline of the item above it.
 */
export function isLedgerDueLine(line: string): boolean {
  const sentences = line.split(/[。；;]/).filter((s) => s.trim());
  return sentences.length > 0 && sentences.length <= 2 && sentences.some((s) => ledgerDueIn(s) !== undefined);
}

export function readMetadata(lines: readonly string[]): PlanMetadata {
  const meta: PlanMetadata = { recipients: [] };
  const labelled: Partial<Record<string, string>> = {};
  const cleaned = lines.map((line) => cleanCell(line.replace(/\t/g, " ")));
  // Labelled fields, cells of a row ("年度\t2022\t文号\t…") included.
  for (const line of lines.slice(0, 400)) {
    const cells = line.split("\t").map((cell) => tidyCell(cell).replace(/\n/g, " ")).filter(Boolean);
    for (let c = 0; c < cells.length; c++) {
      if (cells[c]!.length > 200) continue; // a paragraph, not a labelled field
      // A label alone in its cell (the 方案 sheet: "年度" | 2024) names the next cell.
      const alone = WHOLE_LABEL.exec(cells[c]!);
      if (alone) {
        const next = cells[c + 1];
        LABEL.lastIndex = 0;
        if (next && !LABEL.test(next) && !WHOLE_LABEL.test(next) && !(alone[1]! in labelled)) labelled[alone[1]!] = cleanCell(next);
        LABEL.lastIndex = 0;
        continue;
      }
      const marks = [...cells[c]!.matchAll(LABEL)];
      marks.forEach((m, k) => {
        const end = marks[k + 1]?.index ?? cells[c]!.length;
        const value = cleanCell(cells[c]!.slice(m.index + m[0].length, end).split(/\s{2,}/)[0] ?? "");
        if (value && !(m[1]! in labelled)) labelled[m[1]!] = value;
      });
    }
  }
  meta.title = labelled.方案名称 ?? labelled.标题 ?? findTitle(lines);
  const labelYear = Number(halfWidth(labelled.年度 ?? labelled.方案年度 ?? "").replace(/年.*$/, ""));
  const titleYear = meta.title && /((?:19|20)\d{2})\s*年/.exec(halfWidth(meta.title));
  const head = Math.min(cleaned.length, HEAD_LINES);
  const docNumber = labelled.文号 ?? labelled.发文字号;
  if (docNumber) meta.docNumber = docNumber;
  const issuer = labelled.发文单位 ?? labelled.印发单位 ?? labelled.发文机关 ?? labelled.发布机构;
  if (issuer) meta.issuer = issuer;
  const issued = labelled.印发日期 ?? labelled.成文日期 ?? labelled.发文日期 ?? labelled.发布日期;
  if (issued) meta.issuedOn = readDate(issued);

  for (let i = 0; i < cleaned.length; i++) {
    const line = cleaned[i]!;
    if (!line) continue;
    if (i < head && !meta.docNumber) {
      const number = DOC_NUMBER.exec(line);
      // The document's own number stands alone on its line; one quoted in a sentence is another document's.
      if (number && line.replace(/\s+/g, "").length <= number[0].replace(/\s+/g, "").length + 2) meta.docNumber = number[0].replace(/\s+/g, "");
    }
    if (i < head && !meta.issuer) {
      const fileHead = /^(.+?)文件$/.exec(line);
      const letter = /^(.*?)关于印发/.exec(line);
      if (fileHead && fileHead[1]!.length <= 40) meta.issuer = fileHead[1];
      else if (letter?.[1] && !/[《据]/.test(letter[1])) meta.issuer = letter[1];
      else if (letter) {
        const previous = cleaned.slice(0, i).reverse().find(Boolean);
        if (previous && /(?:办公室|政府|委员会|局|办)$/.test(previous)) meta.issuer = previous;
      }
    }
    // The 主送 line: unit names joined by 、 ending in a colon, before the body starts.
    if (!meta.recipients.length && i < 30 && /^[^。，]{2,200}[：:]$/.test(line) && line.includes("、"))
      meta.recipients = line.slice(0, -1).split("、").filter((name) => !/^各/.test(name) && name.length <= 20);
    if (!meta.issuedOn) {
      const date = readDate(line);
      // The signature block's date: a line that is only a date, under the issuer's name.
      if (date) {
        meta.issuedOn = date;
        const above = cleaned.slice(Math.max(0, i - 3), i).reverse().find(Boolean);
        if (!meta.issuer && above && /(?:办公室|政府|委员会|局|办|厅)$/.test(above) && above.length <= 30) meta.issuer = above;
      }
    }
  }
  meta.year = (labelYear >= 2000 && labelYear <= 2100 ? labelYear : undefined) ?? (titleYear ? Number(titleYear[1]) : undefined);
  if (!meta.year) meta.year = bodyYear(cleaned.join("\n"));
  if (!meta.year && meta.issuedOn) meta.year = Number(meta.issuedOn.slice(0, 4));
  if (meta.year) {
    const due = labelled.台账报送 ?? labelled.台账报送日期 ?? labelled.台账报送时间;
    meta.ledgerDue = (due && readDate(due)) || ledgerDue(cleaned.join(""), meta.year);
  }
  return meta;
}
