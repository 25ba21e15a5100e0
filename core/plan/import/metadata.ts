import { isoDate, lastDayOfMonth } from "../../calendar";
import { cleanCell } from "./text";

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

const DOC_NUMBER = /^[\u4e00-\u9fff]{1,10}〔\d{4}〕\d{1,4}号$/;
const DATE_LINE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
// "形成本部门政务公开工作台账（附件3），于5月31日前，报送…"
const LEDGER_DUE = /台账[^。]{0,40}?于(?:(\d{4})年)?(\d{1,2})月(\d{1,2}|底)日?前[^。]{0,20}报送/;

function dateOf(year: number, month: number, day: number | "last"): string | undefined {
  if (month < 1 || month > 12) return undefined;
  const last = lastDayOfMonth(year, month);
  if (day !== "last" && (day < 1 || day > last)) return undefined;
  return isoDate(year, month, day === "last" ? last : day);
}

/** The plan's own title: the first line naming a 方案 that is not the cover letter, joined with a wrapped first half. */
function findTitle(lines: readonly string[]): { title?: string; line: number } {
  for (let i = 0; i < lines.length; i++) {
    const line = cleanCell(lines[i]!);
    if (!/方案$/.test(line) || /关于印发|通知/.test(line) || line.length > 60) continue;
    let title = line;
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const previous = cleanCell(lines[j]!);
      if (!previous) continue;
      if (/[。：:；;）)」》.]$/.test(previous) || /^\d{4}年\d/.test(previous) || /[A-Za-z]/.test(previous) || previous.length > 40) break;
      title = previous + title;
      break;
    }
    return { title, line: i };
  }
  return { line: -1 };
}

export function readMetadata(lines: readonly string[]): PlanMetadata {
  const meta: PlanMetadata = { recipients: [] };
  const { title } = findTitle(lines);
  meta.title = title;
  const titleYear = title && /(\d{4})\s*年/.exec(title);
  if (titleYear) meta.year = Number(titleYear[1]);

  for (let i = 0; i < lines.length; i++) {
    const line = cleanCell(lines[i]!);
    if (!line) continue;
    if (!meta.docNumber && DOC_NUMBER.test(line)) meta.docNumber = line;
    if (!meta.issuer) {
      const fileHead = /^(.+?)文件$/.exec(line);
      const letter = /^(.*?)关于印发/.exec(line);
      if (fileHead) meta.issuer = fileHead[1];
      else if (letter?.[1] && !/[《据]/.test(letter[1])) meta.issuer = letter[1];
      else if (letter) {
        const previous = [...lines.slice(0, i)].reverse().map(cleanCell).find(Boolean);
        if (previous && /(?:办公室|政府|委员会|局|办)$/.test(previous)) meta.issuer = previous;
      }
    }
    // The 主送 line: unit names joined by 、 ending in a colon, before the body starts.
    if (!meta.recipients.length && i < 30 && /^[^。，]{2,200}[：:]$/.test(line) && line.includes("、"))
      meta.recipients = line.slice(0, -1).split("、").filter((name) => !/^各/.test(name) && name.length <= 20);
    const date = DATE_LINE.exec(line);
    if (!meta.issuedOn && date) meta.issuedOn = dateOf(Number(date[1]), Number(date[2]), Number(date[3]));
  }
  const year = meta.year;
  if (year) {
    const due = LEDGER_DUE.exec(lines.map(cleanCell).join(""));
    if (due) meta.ledgerDue = dateOf(due[1] ? Number(due[1]) : year, Number(due[2]), due[3] === "底" ? "last" : Number(due[3]));
  }
  return meta;
}
