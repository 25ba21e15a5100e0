// The pane's WorkbookPort over addin/excel (the only Office.js code): each method is one addin/excel operation,
// with core doing the reading of sheets, the diff of plans and the office's sheet layout.
import { consolidatedSheets } from "../../core/merge/sheets";
import { diffPlans } from "../../core/plan/diff";
import { sheetAdoption } from "../../core/sheet/adoption";
import { pickLedgerSheet, rankSheets } from "../../core/sheet/pick-sheet";
import { columnLabels, readBoundSheet, readSheet } from "../../core/sheet/read-sheet";
import type { LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import {
  adoptSheet, applyPlanUpdate, applyServerRows, createLedgerSheet, gridCells, markFindings, marksFor, openWorkbook,
  placesOfReading, readBinding, readLedger, readSelectedCells, readSheetGrid, scanWorkbook, selectCell, writeConsolidated, type ColumnLayout,
} from "../excel";
import { checkSheet } from "./check-sheet";
import type { SheetRows, WorkbookPort } from "./workbook-port";

async function readRows(plan: Plan, unit: string): Promise<SheetRows> {
  const { binding, grid } = await readLedger();
  const reading = readBoundSheet(gridCells(grid), plan, unit, binding);
  const labelOf = columnLabels(reading);
  const labels = Object.fromEntries(reading.columns.flatMap((c) => (c.field ? [[c.field, labelOf(c.field)]] : [])));
  return { rows: reading.rows, places: placesOfReading(reading), labels, shape: reading.shape, findings: reading.findings };
}

export const excelWorkbook: WorkbookPort = {
  readBinding,
  openWorkbook,
  createLedger: async (plan, unit, rows) => (await createLedgerSheet(plan, unit, rows)).binding,

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
      planId: plan.id,
      unit,
      planVersion: plan.version ?? 0,
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

  async selectFinding(finding, places) {
    const [mark] = marksFor([finding], places);
    if (mark) await selectCell(mark.sheet, mark.row, mark.column);
  },

  async applyServerRows(plan, rows, binding) {
    const { skipped } = await applyServerRows(rows, { version: binding.version, planVersion: binding.planVersion }, plan);
    return { skipped };
  },

  async applyPlanUpdate(before, plan, unit) {
    const sheet = await readRows(before, unit);
    // The sheet's rows are read against the plan they were written from, so rows of removed tasks survive.
    const current = checkSheet(before, unit, sheet).rows.filter((row): row is LedgerRow => row !== undefined);
    const binding = await readBinding();
    return (await applyPlanUpdate(plan, unit, diffPlans(before, plan), current, binding?.version ?? 0)).binding;
  },

  readSelection: readSelectedCells,
  writeConsolidated: (plan, consolidated) => writeConsolidated(consolidatedSheets(plan, consolidated)),
};
