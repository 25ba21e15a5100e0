// Text from clerks ends up in cells other people open (the consolidated export, the office's pane), so a
// value like "=HYPERLINK(…)" or "+cmd|…" must never become a formula (CSV/formula injection, OWASP).
//
// Decision: prefix such text with a single quote, the OWASP way, and use the same escaped string everywhere.
// - Office.js Range.values: a string starting with "=" is entered as a formula; with the leading "'" Excel
//   takes the rest as text, the "'" is the text prefix and is not shown, and reading Range.values gives the text
//   back without it. So the pane shows exactly what the clerk typed.
// - exceljs: a string value is always written as a text cell, so Excel would not evaluate it on open, but it
//   would the moment someone presses F2+Enter in the cell or saves the sheet as CSV. exceljs has no quotePrefix
//   style, so the "'" becomes a visible character of the text. We accept that: the cell stays inert through
//   editing and CSV, and our own readers drop the quote again with unescapeFormulaText, so a round trip through
//   a Taizhang-written .xlsx is lossless.

/**
 * Leading whitespace then = + - @, or a leading tab / carriage return: what spreadsheets may treat as a formula;
 * also such text behind quotes of the clerk's own ("'=" typed as it is), so that quoting it once more keeps the
 * clerk's quotes through a round trip.
 */
const RISKY = /^'*(?:[\t\r]|\s*[=+\-@])/;

/** Makes text inert in a spreadsheet cell: "=1+1" → "'=1+1"; safe text is returned unchanged. */
export function escapeFormulaText(value: string): string {
  return RISKY.test(value) ? `'${value}` : value;
}

/** Undoes escapeFormulaText on text read back from a cell; a quote before harmless text is the clerk's own. */
export function unescapeFormulaText(value: string): string {
  return value.startsWith("'") && RISKY.test(value.slice(1)) ? value.slice(1) : value;
}
