// Text from clerks ends up in cells other people open (the consolidated export, the office's pane), so it must
// be safe twice over: no formula (injection), and no character the file format cannot hold.
//
// Formulas. A value like "=HYPERLINK(…)" or "+cmd|…" must never become a formula (CSV/formula injection, OWASP).
// Decision: prefix such text with a single quote, the OWASP way, and use the same escaped string everywhere.
// - Office.js Range.values: Excel takes a leading "'" as the cell's quote prefix, a style flag and not part of
//   the value: "'=1+1" is the text =1+1, and Range.values reads back without the quote (OfficeDev/office-js#6687).
//   So a clerk's own text that starts with a quote ("'备注") is quoted too, or Excel would eat its quote; and
//   cells read through Office.js need no unescaping.
// - exceljs: a string value is always written as a text cell, so Excel would not evaluate it on open, but it
//   would the moment someone presses F2+Enter in the cell or saves the sheet as CSV. exceljs has no quotePrefix
//   style, so the "'" becomes a visible character of the text. We accept that: the cell stays inert through
//   editing and CSV, and the exceljs readers drop the quote again with unescapeFormulaText, so a round trip
//   through a Taizhang-written .xlsx is lossless.
//
// XML 1.0. An .xlsx is XML, and XML 1.0 cannot hold the C0 control characters other than tab, line feed and
// carriage return, a lone UTF-16 surrogate, U+FFFE or U+FFFF: one of them in one cell makes the whole workbook
// unreadable (Excel and LibreOffice refuse it, exceljs's parser too). Every cell text goes through
// escapeFormulaText, which drops them, so no writer can emit one; the API also keeps them out of what it
// stores (core/ledger/schema.ts says per field whether it strips or refuses).

/** Leading whitespace then = + - @, or a leading tab / carriage return: what spreadsheets may treat as a formula. */
const RISKY = /^(?:[\t\r]|\s*[=+\-@])/;

/** Text Excel would not keep as typed: formula-like, or starting with the quote Excel takes as its prefix. */
const needsQuote = (value: string) => value.startsWith("'") || RISKY.test(value);

/** What XML 1.0's Char production excludes; with the u flag a surrogate class matches only unpaired halves. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;
const XML_FORBIDDEN_ALL = new RegExp(XML_FORBIDDEN.source, "gu");

/** The text without the characters XML 1.0 cannot hold; text without any is returned as it is. */
export function stripXmlForbidden(value: string): string {
  return XML_FORBIDDEN.test(value) ? value.replace(XML_FORBIDDEN_ALL, "") : value;
}

/** The first character XML 1.0 cannot hold, named as people can look it up ("U+FFFE"); undefined when none. */
export function xmlForbiddenChar(value: string): string | undefined {
  const found = XML_FORBIDDEN.exec(value)?.[0];
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The first string anywhere in a JSON value holding such a character: its path ("tasks.3.text") and the character. */
export function findXmlForbidden(value: unknown, path: (string | number)[] = []): { path: string; char: string } | undefined {
  if (typeof value === "string") {
    const char = xmlForbiddenChar(value);
    return char ? { path: path.join("."), char } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findXmlForbidden(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findXmlForbidden(key, [...path, key]) ?? findXmlForbidden(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Makes text safe for a spreadsheet cell: drops what XML 1.0 cannot hold, then makes it inert ("=1+1" → "'=1+1",
 * "'备注" → "''备注"). Other text is returned unchanged.
 */
export function escapeFormulaText(value: string): string {
  const clean = stripXmlForbidden(value);
  return needsQuote(clean) ? `'${clean}` : clean;
}

/**
 * Undoes escapeFormulaText on text an exceljs reader finds in a cell (Office.js gives values without the quote);
 * a quote before harmless text is someone's own, written literally by another program.
 */
export function unescapeFormulaText(value: string): string {
  return value.startsWith("'") && needsQuote(value.slice(1)) ? value.slice(1) : value;
}
