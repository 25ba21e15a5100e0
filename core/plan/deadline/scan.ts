import type { DeadlineRule } from "../schema";
import { TIME_HINT, type Wording } from "./grammar";

interface Hit {
  start: number;
  end: number;
  rule: DeadlineRule;
}

export interface ClauseReading {
  rules: DeadlineRule[];
  /** Pieces of the clause outside every rule that still read like a time limit. */
  leftovers: string[];
}

/**
 * Reads one clause with every wording. Where two wordings overlap, the one that starts first wins, then the
 * longer one: 「每年1月31日前」 is one annual rule, not 每年 (periodic) plus 1月31日前 (a date).
 */
export function readClause(clause: string, wordings: readonly Wording[], year: number): ClauseReading {
  const hits: Hit[] = [];
  for (const wording of wordings) {
    for (const match of clause.matchAll(wording.pattern)) {
      if (match[0].length === 0) continue;
      const rule = wording.rule(match, year);
      if (rule) hits.push({ start: match.index, end: match.index + match[0].length, rule });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);

  const rules: DeadlineRule[] = [];
  const leftovers: string[] = [];
  let covered = 0;
  for (const hit of hits) {
    if (hit.start < covered) continue;
    keepLeftover(clause.slice(covered, hit.start), leftovers);
    rules.push(hit.rule);
    covered = hit.end;
  }
  keepLeftover(clause.slice(covered), leftovers);
  return { rules, leftovers };
}

function keepLeftover(piece: string, leftovers: string[]): void {
  const trimmed = piece.replace(/^[、和及与并]+|[、和及与并]+$/g, "");
  if (TIME_HINT.test(trimmed)) leftovers.push(trimmed);
}

/** Equal for equal rules, whatever order their fields were written in (a plan edited by hand, say). */
export function ruleKey(rule: DeadlineRule): string {
  return JSON.stringify(Object.entries(rule).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The same rule stated twice (及时更新、及时发布) is one rule. */
export function distinct(rules: DeadlineRule[]): DeadlineRule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = ruleKey(rule);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
