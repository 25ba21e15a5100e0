// Which sheet of a workbook is the 台账: the one whose header reads best, wherever it is (a 填表说明 or last
// year's copy may come first). The CLI's --sheet and the pane's sheet list let a person choose another.
import type { Plan } from "../plan/schema";
import type { SheetCells } from "./grid";
import { readSheet, type ReadOptions, type SheetReading } from "./read-sheet";

export interface SheetCandidate {
  name: string;
  /** How well its header reads; 0 when it has none. */
  score: number;
  /** Rows that matched a task of the plan. */
  matched: number;
}

export interface PickedSheet {
  reading: SheetReading;
  /** Every sheet, best first. */
  candidates: SheetCandidate[];
}

function rank(reading: SheetReading): SheetCandidate {
  return { name: reading.sheet, score: reading.score, matched: reading.matches.filter((m) => m.taskId).length };
}

/** Best header first; then more rows matched to the plan; then the sheet the clerk has open; then workbook order. */
export function rankSheets(candidates: readonly SheetCandidate[], active?: string): SheetCandidate[] {
  return candidates
    .map((candidate, order) => ({ candidate, order }))
    .sort((a, b) =>
      b.candidate.score - a.candidate.score ||
      b.candidate.matched - a.candidate.matched ||
      Number(b.candidate.name === active) - Number(a.candidate.name === active) ||
      a.order - b.order)
    .map(({ candidate }) => candidate);
}

export function pickLedgerSheet(sheets: readonly SheetCells[], plan: Plan, unit: string, options: ReadOptions & { active?: string } = {}): PickedSheet | undefined {
  const readings = sheets.map((sheet) => readSheet(sheet, plan, unit, options));
  const candidates = rankSheets(readings.map(rank), options.active);
  const best = candidates[0];
  if (!best) return undefined;
  return { reading: readings.find((r) => r.sheet === best.name)!, candidates };
}
