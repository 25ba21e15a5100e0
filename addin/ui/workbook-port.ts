import type { Finding, LedgerRow, LedgerRowInput } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import type { ConsolidatedReply, StatusReply } from "../api-client";
import type { FindingPlaces } from "../excel/marks";
import type { SelectedCells } from "../excel/selected-row";

/** What the workbook remembers about its ledger (in the workbook's settings, never a token). */
export interface LedgerBinding {
  planId: string;
  unit: string;
  /** The server version the sheet was last synced with; 0 before the first sync. */
  version: number;
  /** The plan version the sheet's task rows were written from. */
  planVersion: number;
}

/** One header of an adopted sheet and the ledger field it was matched to (null: left as it is). */
export interface HeaderMatch {
  header: string;
  field: string | null;
}

/** One data row of an adopted sheet and the task it was matched to, and how. */
export interface RowMatch {
  sheetRow: number;
  text: string;
  taskId: string | null;
  how: string;
}

export interface AdoptionPreview {
  sheetName: string;
  headers: HeaderMatch[];
  rows: RowMatch[];
  /** Where the header is and which column holds which field, as adoption will bind them. */
  layout: { headerRow: number; columns: Partial<Record<string, number>> };
}

/** The ledger's rows as the cells hold them (for core's check), and where each sits on the sheet. */
export interface SheetRows {
  rows: LedgerRowInput[];
  places: FindingPlaces;
}

/** A pane action in one Excel.run; the pane never calls Office.js itself (addin/excel does). */
export interface WorkbookPort {
  readBinding(): Promise<LedgerBinding | undefined>;
  createLedger(plan: Plan, unit: string, rows: LedgerRow[]): Promise<LedgerBinding>;
  previewAdoption(plan: Plan, unit: string): Promise<AdoptionPreview>;
  adopt(plan: Plan, unit: string, preview: AdoptionPreview): Promise<LedgerBinding>;
  readRows(): Promise<SheetRows>;
  /** Marks exactly these findings' cells; cells marked by an earlier check and now fixed lose their mark. */
  markFindings(findings: Finding[], places: FindingPlaces): Promise<void>;
  selectFinding(finding: Finding, places: FindingPlaces): Promise<void>;
  /** Writes the rows the server holds (after a sync or a conflict resolved) and the new version. */
  applyServerRows(rows: LedgerRow[], binding: LedgerBinding): Promise<void>;
  /** Rewrites the task rows for `plan`, keeping what the clerk filled; `before` is the plan the sheet was built on. */
  applyPlanUpdate(before: Plan, plan: Plan, unit: string): Promise<LedgerBinding>;
  /** The selected row and the first rows of its sheet (for review from 汇总台账). */
  readSelection(): Promise<SelectedCells>;
  /** An .xlsx (base64) the server made, opened in Excel as a workbook of its own (the admin's initial passwords). */
  openWorkbook(base64: string): Promise<void>;
  /** The office's sheets (汇总台账, 任务进度, 单位统计, 未报送单位), rewritten in place. */
  writeConsolidated(plan: Plan, consolidated: ConsolidatedReply, status: StatusReply): Promise<void>;
}
