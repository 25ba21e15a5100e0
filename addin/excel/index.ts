// addin/excel: the only code that calls Office.js. The pane imports from here; every function is one Excel.run
// with a fixed number of context.sync() calls whatever the row count.
export { readBinding, writeBinding, NotBoundError, WorkbookBinding, ColumnLayout, STANDARD_LAYOUT } from "./binding";
export { createLedgerSheet, type CreatedLedger } from "./create-ledger";
export { scanWorkbook, readSheetGrid, readLedger, gridCells, type SheetGrid, type LedgerSheet, type WorkbookScan } from "./sheet-grid";
export { adoptSheet, type Adoption } from "./adopt";
export { markFindings, clearMarks, selectCell, marksFor, placesOfReading, type CellMark, type FindingPlaces } from "./marks";
export { applyServerRows, type VersionStamp, type AppliedRows } from "./apply-rows";
export { applyPlanUpdate, planUpdateRows } from "./plan-update";
export { startConsolidated, type ConsolidatedWriter } from "./consolidated";
export { readSelectedCells, type SelectedCells } from "./selected-row";
export { openWorkbook } from "./open-workbook";
export { EXCEL_API_VERSION, excelApiSupported } from "./requirements";
export type { CellValue } from "./cells";
export { writePlanSheet, readPlanSheetCells, markPlanSheet, type PlanSheetCells, type PlanSheetTarget } from "./plan-sheet";
