// Word (.docx) through mammoth's HTML: tables stay tables (merged cells as rowspan and colspan), paragraphs stay
// paragraphs, and core's one HTML reader reads both.
import mammoth from "mammoth";

export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false });
  return value;
}
