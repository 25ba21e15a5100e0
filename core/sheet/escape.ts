// Text from clerks ends up in cells other people open (the consolidated export, the office's pane), so a
// value like "=HYPERLINK(…)" or "+cmd|…" must never become a formula (CSV/formula injection, OWASP).
//
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

/** Leading whitespace then = + - @, or a leading tab / carriage return: what spreadsheets may treat as a formula. */
const RISKY = /^(?:[\t\r]|\s*[=+\-@])/;

/** Text Excel would not keep as typed: formula-like, or starting with the quote Excel takes as its prefix. */
const needsQuote = (value: string) => value.startsWith("'") || RISKY.test(value);

/** Makes text inert in a spreadsheet cell: "=1+1" → "'=1+1", "'备注" → "''备注"; other text is unchanged. */
export function escapeFormulaText(value: string): string {
  return needsQuote(value) ? `'${value}` : value;
}

/**
 * Undoes escapeFormulaText on text an exceljs reader finds in a cell (Office.js gives values without the quote);
 * a quote before harmless text is someone's own, written literally by another program.
 */
export function unescapeFormulaText(value: string): string {
  return value.startsWith("'") && needsQuote(value.slice(1)) ? value.slice(1) : value;
}
