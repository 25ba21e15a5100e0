// addin/excel: the only code that calls Office.js. The pane imports from here; every function is one Excel.run
// (through run.ts) with a fixed number of context.sync() calls whatever the row count.
export { readBinding, readLedgerState, writeBinding, NotBoundError, WorkbookBinding, ColumnLayout, STANDARD_LAYOUT } from "./binding";
export { createLedgerSheet, type CreatedLedger } from "./create-ledger";
export { scanWorkbook, readSheetGrid, readLedger, gridCells, type SheetGrid, type LedgerSheet, type WorkbookScan } from "./sheet-grid";
export { adoptSheet, type Adoption } from "./adopt";
export {
  markFindings, clearMarks, updateMarks, selectCell, marksFor, reviewMarks, placesOfReading,
  type Answered, type CellMark, type FindingPlaces,
} from "./marks";
export { applyServerRows, type VersionStamp, type AppliedRows, type Progress } from "./apply-rows";
export { applyPlanUpdate, planUpdateRows } from "./plan-update";
export { fillBlanks, type FillableField } from "./fill";
export { startConsolidated, type ConsolidatedWriter } from "./consolidated";
export { readSelectedCells, type SelectedCells } from "./selected-row";
export { openWorkbook } from "./open-workbook";
export { EXCEL_API_VERSION, excelApiSupported } from "./requirements";
export { SheetProblem } from "./run";
export type { CellValue } from "./cells";
export { writePlanSheet, readPlanSheetCells, markPlanSheet, type PlanSheetCells, type PlanSheetTarget } from "./plan-sheet";
