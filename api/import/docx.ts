// Word (.docx) through mammoth's HTML: tables stay tables (merged cells as rowspan and colspan), paragraphs stay
// paragraphs, and core's one HTML reader reads both.
import mammoth from "mammoth";

/** Pictures hold no task: left unread, so a photo or a scanned page adds nothing to the HTML (mammoth inlines them as base64 by default). */
const noPictures = mammoth.images.imgElement(async () => ({ src: "" }));

export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false, convertImage: noPictures });
  return value;
}
