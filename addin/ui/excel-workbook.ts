// The pane's WorkbookPort over addin/excel (the only Office.js code): each method is one addin/excel operation,
// with core doing the reading of sheets, the diff of plans and the office's sheet layout.
import { diffPlans } from "../../core/plan/diff";
import { sheetAdoption } from "../../core/sheet/adoption";
import { pickLedgerSheet, rankSheets } from "../../core/sheet/pick-sheet";
import { columnLabels, readBoundSheet, readSheet } from "../../core/sheet/read-sheet";
import { rowKeys } from "../../core/ledger/row-key";
import type { LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import {
  adoptSheet, applyPlanUpdate, applyServerRows, createLedgerSheet, fillBlanks, gridCells, markFindings, marksFor, openWorkbook,
  placesOfReading, readBinding, readLedger, readLedgerState, readSelectedCells, readSheetGrid, reviewMarks, scanWorkbook, selectCell,
  startConsolidated, updateMarks, type Answered, type ColumnLayout, type FindingPlaces,
} from "../excel";
import { checkSheet } from "./check-sheet";
import type { ReviewItem, ReviewsShown, SheetRows, WorkbookPort } from "./workbook-port";

async function readSheetRows(plan: Plan, unit: string): Promise<SheetRows & { answered: Answered }> {
  const { binding, grid, answered } = await readLedger();
  const reading = readBoundSheet(gridCells(grid), plan, unit, binding);
  const labelOf = columnLabels(reading);
  const labels = Object.fromEntries(reading.columns.flatMap((c) => (c.field ? [[c.field, labelOf(c.field)]] : [])));
  return { rows: reading.rows, places: placesOfReading(reading), labels, shape: reading.shape, findings: reading.findings, answered };
}

const readRows = (plan: Plan, unit: string): Promise<SheetRows> => readSheetRows(plan, unit);

/**
 * The server's reviews laid on the sheet's rows by row key. A review the clerk answered (changed the row and
 * 报送 it) is remembered by its time, so it stays cleared until the office reviews the row again.
 */
async function showReviews(plan: Plan, unit: string, serverRows: readonly LedgerRow[], changed: readonly string[] = []): Promise<ReviewsShown> {
  const sheet = await readSheetRows(plan, unit);
  const checked = checkSheet(plan, unit, sheet).rows;
  const present = checked.flatMap((row, index) => (row ? [{ row, index }] : []));
  const indexOf = new Map(rowKeys(present.map((p) => p.row)).map((key, i) => [key, present[i]!.index]));
  const serverKeys = rowKeys(serverRows);
  const answered: Answered = {};
  const open: ReviewItem[] = [], done: ReviewItem[] = [];
  serverRows.forEach((row, i) => {
    const key = serverKeys[i]!;
    const review = row.review;
    const at = indexOf.get(key);
    if (!review || at === undefined) return;
    const item: ReviewItem = { key, no: row.no, task: row.task, review, row: at };
    if (changed.includes(key) || sheet.answered[key] === review.at) {
      answered[key] = review.at;
      if (review.verdict === "退回") done.push(item);
    } else open.push(item);
  });
  await updateMarks("review", reviewMarks(open, sheet.places), answered);
  return { open, answered: done, places: sheet.places };
}

export const excelWorkbook: WorkbookPort = {
  readBinding,
  readLedgerState,
  openWorkbook,
  createLedger: async (plan, unit, rows, progress) => (await createLedgerSheet(plan, unit, rows, progress)).binding,

  async previewAdoption(plan, unit, chosen) {
    const scan = await scanWorkbook();
    const picked = pickLedgerSheet(scan.sheets, plan, unit, { active: scan.active });
    const sheetName = chosen ?? picked?.reading.sheet ?? scan.active;
    const grid = await readSheetGrid(sheetName);
    const cells = gridCells(grid);
    // The whole sheet may read better (or worse) than its first rows did: rank it by the full reading.
    const full = readSheet(cells, plan, unit);
    const sheets = rankSheets((picked?.candidates ?? []).map((c) => (c.name === sheetName ? { ...c, score: full.score, matched: full.matches.filter((m) => m.taskId).length } : c)), scan.active);
    return { sheets, sheetName, cells };
  },

  async adopt(plan, unit, preview, choice) {
    const reading = readSheet(preview.cells, plan, unit, { choices: choice.choices });
    const width = Math.max(0, ...preview.cells.cells.map((line) => line.length));
    const adoption = sheetAdoption(reading, plan, unit, choice.add, width);
    return adoptSheet({
      plan,
      unit,
      sheet: preview.sheetName,
      headerTop: adoption.headerTop + 1,
      headerRow: adoption.headerRow + 1,
      columns: adoption.columns as ColumnLayout,
      labels: adoption.labels,
      forms: adoption.forms,
      added: adoption.added,
      writes: adoption.writes,
      lastRow: adoption.lastRow + 1,
    });
  },

  readRows,
  markFindings: (findings, places) => markFindings(marksFor(findings, places)),

  async selectFinding(finding, places: FindingPlaces) {
    const [mark] = marksFor([{ ...finding, severity: "warning", code: "", message: "" }], places);
    if (mark) await selectCell(mark.sheet, mark.row, mark.column);
  },

  fillBlanks,
  showReviews,

  async applyServerRows(plan, rows, binding, progress) {
    const stamp = { version: binding.version, planVersion: binding.planVersion, reportedAt: binding.reportedAt, reportedBy: binding.reportedBy };
    const { skipped, unfiltered } = await applyServerRows(rows, stamp, plan, progress);
    return { skipped, ...(unfiltered ? { unfiltered } : {}) };
  },

  async applyPlanUpdate(before, plan, unit, progress) {
    const sheet = await readRows(before, unit);
    // The sheet's rows are read against the plan they were written from, so rows of removed tasks survive.
    const current = checkSheet(before, unit, sheet).rows.filter((row): row is LedgerRow => row !== undefined);
    const binding = await readBinding();
    return (await applyPlanUpdate(plan, unit, diffPlans(before, plan), current, binding?.version ?? 0, progress)).binding;
  },

  readSelection: readSelectedCells,
  startConsolidated,
};
