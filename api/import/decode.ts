// A plan document as the admin has it (.docx, .xlsx, .html, .csv, .txt, .md, .pdf; UTF-8 or GB18030) → the
// PlanSource core reads. The CLI (a path) and the API (an upload) both come through here.
import type { PlanSource } from "../../core/plan/import";
import { PlanFileError } from "./errors";
import { decodeText } from "./text-encoding";

export { PlanFileError } from "./errors";

/** The file types the importer takes, as a file picker's accept list. */
export const PLAN_FILE_TYPES = [".docx", ".xlsx", ".html", ".htm", ".csv", ".txt", ".md", ".pdf"] as const;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isPdf = (b: Uint8Array) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** The file's type by its first bytes, its name only telling a Word file from an Excel one (both are zips). */
export async function decodePlanFile(bytes: Uint8Array, name: string): Promise<PlanSource> {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  if (bytes.length === 0) throw new PlanFileError(`文件「${name}」是空的。`);
  if (isOle(bytes) || ["doc", "xls", "wps", "et"].includes(extension))
    throw new PlanFileError(`「${name}」是旧版 Office 或 WPS 格式：请在 Word、Excel 或 WPS 中另存为 .docx 或 .xlsx 后再导入。`);
  // The readers of binary files load when one comes: a text import (and the CLI's start) does without them.
  if (isPdf(bytes)) return { kind: "text", text: await (await import("./pdf")).pdfToText(bytes) };
  if (isZip(bytes)) {
    try {
      if (extension === "xlsx" || extension === "xlsm") return { kind: "sheets", sheets: await (await import("./xlsx")).xlsxToSheets(bytes) };
      return { kind: "html", html: await (await import("./docx")).docxToHtml(bytes), origin: "Word" };
    } catch {
      throw new PlanFileError(`无法打开「${name}」：它不是有效的 Word（.docx）或 Excel（.xlsx）文件，或已损坏。`);
    }
  }
  if (["png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff"].includes(extension))
    throw new PlanFileError(`「${name}」是图片，无法识别其中的文字：请提供方案的 Word 文件（.docx）。`);
  const text = decodeText(bytes);
  if (/\u0000/.test(text.slice(0, 4096))) throw new PlanFileError(`「${name}」不是文本文件，也不是 Word、Excel 或 PDF 文件，无法导入。`);
  if (extension === "html" || extension === "htm") return { kind: "html", html: text, origin: "网页" };
  return { kind: "text", text, ...(extension === "csv" ? { csv: true } : {}) };
}
