// The 考核 score of each unit from the plan's own data, and the ranking. Each part is on 0–100, then weighted:
//   报送及时   100 when the 台账 came in by ledgerDue (or there is none); 10 less per working day late; 0 while not in.
//   完成率     tasks 已完成 or 长期坚持 among the unit's tasks (不适用 left out); 100 when it has none to count.
//   按时完成率  of the dated tasks whose day has passed or that are done: those done by their day (长期坚持 counts
//             as on time); 100 when none is due yet.
//   退回次数   100, 10 less for every 退回 the office gave the unit's rows.
// The total is the weighted mean, one decimal; equal totals share a rank.
import type { Plan } from "../plan/schema";
import type { IsoDate } from "../schema-kit";
import { ledgerState } from "./reminders";
import type { ScoreWeights, UnitScore } from "./schema";
import { unitFacts, type LedgerOnFile } from "./unit-facts";

export const POINTS_PER_LATE_WORKDAY = 10;
export const POINTS_PER_RETURN = 10;

export interface ScoreInput {
  unit: string;
  ledger: LedgerOnFile | undefined;
  /** How many times the office returned (退回) one of its rows. */
  returns: number;
}

const percent = (part: number, whole: number) => (whole === 0 ? 100 : (100 * part) / whole);
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export function unitScore(plan: Plan, input: ScoreInput, today: IsoDate, weights: ScoreWeights): Omit<UnitScore, "rank"> {
  const facts = unitFacts(plan, input.unit, input.ledger?.rows ?? [], today).filter((f) => f.status !== "不适用");
  const isDone = (status: string) => status === "已完成" || status === "长期坚持";
  // A unit that never reported has no rows, so every task reads 未开始 and nothing is done.
  const done = facts.filter((f) => isDone(f.status)).length;
  const due = facts.filter((f) => f.due !== undefined && (f.due < today || isDone(f.status)));
  const onTime = due.filter((f) => f.status === "长期坚持" || (f.status === "已完成" && f.row?.doneOn !== undefined && f.row.doneOn <= f.due!)).length;
  const ledger = ledgerState(plan, input.ledger, today);
  const daysLate = ledger.state === "逾期报送" ? ledger.workdays ?? 0 : 0;
  const reported = ledger.state === "已报送" || ledger.state === "逾期报送";
  const parts = {
    timely: reported ? Math.max(0, 100 - POINTS_PER_LATE_WORKDAY * daysLate) : 0,
    completion: input.ledger ? percent(done, facts.length) : 0,
    onTime: input.ledger ? percent(onTime, due.length) : 0,
    returns: Math.max(0, 100 - POINTS_PER_RETURN * input.returns),
  };
  const sum = weights.timely + weights.completion + weights.onTime + weights.returns;
  const total = (weights.timely * parts.timely + weights.completion * parts.completion + weights.onTime * parts.onTime + weights.returns * parts.returns) / sum;
  return {
    unit: input.unit,
    total: oneDecimal(total),
    parts: { timely: oneDecimal(parts.timely), completion: oneDecimal(parts.completion), onTime: oneDecimal(parts.onTime), returns: oneDecimal(parts.returns) },
    report: ledger.state,
    tasks: facts.length,
    done,
    dueSoFar: due.length,
    doneOnTime: onTime,
    overdue: facts.filter((f) => f.overdue).length,
    returns: input.returns,
    daysLate,
  };
}

/** Scores already worked out, ranked best first; ties keep the order given (the plan's order of units). */
export function rankScores(scores: readonly Omit<UnitScore, "rank">[]): UnitScore[] {
  const ordered = scores.map((score, order) => ({ order, score })).sort((a, b) => b.score.total - a.score.total || a.order - b.order);
  let rank = 0;
  return ordered.map(({ score }, i) => {
    if (i === 0 || score.total !== ordered[i - 1]!.score.total) rank = i + 1;
    return { ...score, rank };
  });
}

/** Every unit scored and ranked, best first; ties keep the plan's order of units. */
export function rankUnits(plan: Plan, inputs: readonly ScoreInput[], today: IsoDate, weights: ScoreWeights): UnitScore[] {
  return rankScores(inputs.map((input) => unitScore(plan, input, today, weights)));
}
