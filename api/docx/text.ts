// Text bound for a .docx or .xlsx part: XML 1.0 allows tab, newline, carriage return and the characters from
// U+0020 on, except lone surrogates and U+FFFE/U+FFFF. Anything else would make Word refuse the whole file.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(FORBIDDEN, "");
}
