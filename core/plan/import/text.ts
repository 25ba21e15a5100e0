// Text clean-up shared by the readers. The documents come from PDF and Word conversions, so cells carry
// <p> tags, spaces inside words ("政务 公 开") and mixed half- and full-width brackets.
import { tidyCell } from "./table/model";

/** A cell's or a line's text as a task keeps it: no markup, no line breaks, no spaces the conversion put between words. */
export function cleanCell(text: string): string {
  if (!/[\s<\u00a0\u3000]/.test(text)) return text;
  return tidyCell(text).replace(/\n/g, " ").replace(/(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) | (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])/g, "");
}

/** Full-width digits and letters as ASCII: "２０２２" → "2022". */
export function halfWidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
