import type { Finding, LedgerRow, LedgerRowInput, RowReview } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import type { SheetTable } from "../../core/merge/sheets";
import type { ConsolidatedWriter } from "../excel/consolidated";
import type { LedgerField } from "../../core/sheet/columns";
import type { SheetCells } from "../../core/sheet/grid";
import type { SheetCandidate } from "../../core/sheet/pick-sheet";
import type { ColumnChoices } from "../../core/sheet/read-sheet";
import type { SheetShape } from "../../core/validate/validate";
import type { FindingPlaces } from "../excel/marks";
import type { FillableField } from "../excel/fill";
import type { SelectedCells } from "../excel/selected-row";

/** How far a long piece of work is: rows written so far of all. */
export type Progress = (done: number, total: number) => void;

/** One of the office's reviews as the clerk's sheet shows it. */
export interface ReviewItem {
  /** The row's key (core/ledger/row-key). */
  key: string;
  no: string;
  task: string;
  review: RowReview;
  /** Index into the sheet's rows as read, for selectFinding with `places`. */
  row: number;
}

/** The office's reviews on the sheet: marked and listed, and those the clerk answered by changing the row. */
export interface ReviewsShown {
  open: ReviewItem[];
  answered: ReviewItem[];
  places: FindingPlaces;
}

/** What the sheet wrote back: cells left alone in merged areas, a filter cleared to write every row. */
export interface Applied {
  skipped: number;
  unfiltered?: boolean;
}

/** What the workbook remembers about its ledger (in the workbook's settings, never a token). */
export interface LedgerBinding {
  planId: string;
  unit: string;
  /** The server version the sheet was last synced with; 0 before the first sync. */
  version: number;
  /** The plan version the sheet's task rows were written from. */
  planVersion: number;
  /** When and by whom `version` was 报送. */
  reportedAt?: string;
  reportedBy?: string;
}

/** 使用当前表's first look: which sheet holds the ledger, and its cells, for the pane to read and the clerk to correct. */
export interface AdoptionPreview {
  /** Every sheet of the workbook, best header first. */
  sheets: SheetCandidate[];
  /** The sheet shown: the best, or the one the clerk chose. */
  sheetName: string;
  /** Its cells from A1 and merged areas: the pane re-reads them on every correction, without Excel. */
  cells: SheetCells;
}

/** What the clerk confirmed: corrections to the columns, and the missing columns to add. */
export interface AdoptionChoice {
  choices: ColumnChoices;
  add: LedgerField[];
}

/** The ledger's rows as the cells hold them (for core's check), and where each sits on the sheet. */
export interface SheetRows {
  rows: LedgerRowInput[];
  places: FindingPlaces;
  /** The sheet's own name for each field's column (办结日期), for the findings list. */
  labels: Partial<Record<string, string>>;
  /** Which columns the sheet has and how its status is written: missing columns are said once. */
  shape: SheetShape;
  /** What reading the sheet found: extra columns kept, a header that is gone. */
  findings: Finding[];
}

/** A pane action in one Excel.run; the pane never calls Office.js itself (addin/excel does). */
export interface WorkbookPort {
  readBinding(): Promise<LedgerBinding | undefined>;
  /** The binding and the plan the sheet was built on, as the workbook keeps them: no server needed. */
  readLedgerState(): Promise<{ binding: LedgerBinding; plan?: Plan } | undefined>;
  createLedger(plan: Plan, unit: string, rows: LedgerRow[], progress?: Progress): Promise<LedgerBinding>;
  /** Finds the ledger sheet (or reads `sheet`, the clerk's choice) without changing anything. */
  previewAdoption(plan: Plan, unit: string, sheet?: string): Promise<AdoptionPreview>;
  adopt(plan: Plan, unit: string, preview: AdoptionPreview, choice: AdoptionChoice): Promise<LedgerBinding>;
  readRows(plan: Plan, unit: string): Promise<SheetRows>;
  /** Marks exactly these findings' cells; cells marked by an earlier check and now fixed lose their mark. */
  markFindings(findings: Finding[], places: FindingPlaces): Promise<void>;
  selectFinding(finding: Pick<Finding, "row" | "column">, places: FindingPlaces): Promise<void>;
  /** Writes `value` into every blank 责任科室 (or 分管领导) of a task row; says how many cells. */
  fillBlanks(plan: Plan, unit: string, field: FillableField, value: string): Promise<number>;
  /**
   * Marks the office's 通过 / 退回 on their rows (`rows`: the server's, with reviews). `changed`: keys of rows the
   * clerk just 报送 changed, whose reviews are thereby answered and cleared.
   */
  showReviews(plan: Plan, unit: string, rows: readonly LedgerRow[], changed?: readonly string[]): Promise<ReviewsShown>;
  /**
   * Writes the rows the server holds (after a sync or a conflict resolved) and the new version: Taizhang's own
   * sheet is rewritten, a unit's own sheet only where a cell's meaning changed. Says how many cells were left
   * as they were because they are merged.
   */
  applyServerRows(plan: Plan, rows: LedgerRow[], binding: LedgerBinding, progress?: Progress): Promise<Applied>;
  /** Rewrites the task rows for `plan`, keeping what the clerk filled; `before` is the plan the sheet was built on. */
  applyPlanUpdate(before: Plan, plan: Plan, unit: string, progress?: Progress): Promise<LedgerBinding>;
  /** The selected row and the first rows of its sheet (for review from 汇总台账). */
  readSelection(): Promise<SelectedCells>;
  /** An .xlsx (base64) the server made, opened in Excel as a workbook of its own (the admin's initial passwords). */
  openWorkbook(base64: string): Promise<void>;
  /** 汇总: the office's sheets (汇总台账, 任务进度, 单位统计, 未报送单位) rewritten in place, 汇总台账 page by page. */
  startConsolidated(consolidated: Omit<SheetTable, "rows">): Promise<ConsolidatedWriter>;
}
