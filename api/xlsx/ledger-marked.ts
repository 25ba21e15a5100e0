import type { CheckedLedger } from "./ledger-check";

const FILL = { error: "FFFFC7CE", warning: "FFFFEB9C" } as const;

/**
 * Marks each finding on its cell (a note with the message, a red fill for errors, yellow for warnings) in the
 * workbook already read for the check, and writes it to `out`; the input file is never written. Findings about
 * the whole sheet go on their column's header cell, or the first header cell when the column is missing.
 */
export async function writeMarkedCopy(checked: CheckedLedger, out: string): Promise<void> {
  const { worksheet, reading, report, columnNumbers } = checked;
  const headerRow = Math.max(reading.headerRow, 0) + 1;
  const firstColumn = (reading.columns[0]?.index ?? 0) + 1;
  const notes = new Map<string, { row: number; col: number; lines: string[]; error: boolean }>();
  report.findings.forEach((finding, i) => {
    const row = finding.row ?? headerRow;
    const col = columnNumbers[i] ?? firstColumn;
    const key = `${row}:${col}`;
    const mark = notes.get(key) ?? { row, col, lines: [], error: false };
    mark.lines.push(finding.message);
    mark.error ||= finding.severity === "error";
    notes.set(key, mark);
  });
  for (const mark of notes.values()) {
    const cell = worksheet.getCell(mark.row, mark.col);
    cell.note = mark.lines.join("\n");
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: mark.error ? FILL.error : FILL.warning } };
  }
  await checked.workbook.xlsx.writeFile(out);
}
