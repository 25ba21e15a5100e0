// The pane's WorkbookPort over addin/excel (the only Office.js code): each method is one addin/excel operation,
// with core doing the reading of sheets, the diff of plans and the office's sheet layout.
import { consolidatedSheets } from "../../core/merge/sheets";
import { diffPlans } from "../../core/plan/diff";
import { readSheet } from "../../core/sheet/read-sheet";
import type { LedgerRow } from "../../core/ledger/schema";
import {
  adoptSheet, applyPlanUpdate, applyServerRows, createLedgerSheet, layoutOfReading, markFindings, marksFor,
  openWorkbook, placesOfLedger, readActiveSheet, readBinding, readLedger, readSelectedCells, selectCell, writeConsolidated, type ColumnLayout,
} from "../excel";
import { checkSheet } from "./check-sheet";
import type { SheetRows, WorkbookPort } from "./workbook-port";

async function readRows(): Promise<SheetRows> {
  const ledger = await readLedger();
  return { rows: ledger.rows.map((row) => row.cells), places: placesOfLedger(ledger) };
}

export const excelWorkbook: WorkbookPort = {
  readBinding,
  openWorkbook,
  createLedger: async (plan, unit, rows) => (await createLedgerSheet(plan, unit, rows)).binding,

  async previewAdoption(plan, unit) {
    const grid = await readActiveSheet();
    const reading = readSheet(grid.values, plan, unit);
    const layout = layoutOfReading(grid, reading);
    return {
      sheetName: grid.sheet,
      headers: reading.columns.map((column) => ({ header: column.header, field: column.field ?? null })),
      rows: reading.matches.map((match) => ({
        sheetRow: grid.firstRow + reading.rowNumbers[match.row]!,
        text: String(reading.rows[match.row]?.task ?? reading.rows[match.row]?.no ?? ""),
        taskId: match.taskId ?? null,
        how: { number: "按序号", text: "按内容", none: "无法匹配" }[match.how],
      })),
      layout,
    };
  },

  adopt: (plan, unit, preview) =>
    adoptSheet({
      planId: plan.id,
      unit,
      planVersion: plan.version ?? 0,
      sheet: preview.sheetName,
      headerRow: preview.layout.headerRow,
      columns: preview.layout.columns as ColumnLayout,
      edits: [],
    }),

  readRows,
  markFindings: (findings, places) => markFindings(marksFor(findings, places)),

  async selectFinding(finding, places) {
    const [mark] = marksFor([finding], places);
    if (mark) await selectCell(mark.sheet, mark.row, mark.column);
  },

  applyServerRows: async (rows, binding) => {
    await applyServerRows(rows, { version: binding.version, planVersion: binding.planVersion });
  },

  async applyPlanUpdate(before, plan, unit) {
    const sheet = await readRows();
    // The sheet's rows are read against the plan they were written from, so rows of removed tasks survive.
    const current = checkSheet(before, unit, sheet).rows.filter((row): row is LedgerRow => row !== undefined);
    const binding = await readBinding();
    return applyPlanUpdate(plan, unit, diffPlans(before, plan), current, binding?.version ?? 0);
  },

  readSelection: readSelectedCells,
  writeConsolidated: (plan, consolidated) => writeConsolidated(consolidatedSheets(plan, consolidated)),
};
