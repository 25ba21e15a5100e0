import type { DeadlineRule } from "../schema";
import { TIME_HINT, type Wording } from "./grammar";
import { CLAUSE_END } from "./text";

interface Hit {
  start: number;
  end: number;
  rule: DeadlineRule;
}

export interface Reading {
  rules: DeadlineRule[];
  /** Pieces of the text outside every rule that still read like a time limit. */
  leftovers: string[];
}

const CLAUSE_SPLIT = new RegExp(`[${CLAUSE_END}]+`);

/**
 * Reads normalized text with every wording, in one pass per wording over the whole text (no wording spans a
 * clause end). Where two wordings overlap, the one that starts first wins, then the longer one:
 * 「每年1月31日前」 is one annual rule, not 每年 (periodic) plus 1月31日前 (a date).
 */
export function readText(text: string, wordings: readonly Wording[], year: number): Reading {
  const hits: Hit[] = [];
  for (const wording of wordings) {
    // exec rather than matchAll: most cells and sentences match no wording, and the iterator matchAll builds
    // for each of them was most of the time spent.
    const pattern = wording.pattern;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const rule = wording.rule(match, year);
      if (rule) hits.push({ start: wording.start?.(match) ?? match.index, end: match.index + match[0].length, rule });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);

  const rules: DeadlineRule[] = [];
  const leftovers: string[] = [];
  let covered = 0;
  for (const hit of hits) {
    if (hit.start < covered) continue;
    keepLeftovers(text.slice(covered, hit.start), leftovers);
    rules.push(hit.rule);
    covered = hit.end;
  }
  keepLeftovers(text.slice(covered), leftovers);
  return { rules: distinct(rules), leftovers };
}

function keepLeftovers(gap: string, leftovers: string[]): void {
  for (const piece of gap.split(CLAUSE_SPLIT)) {
    const trimmed = piece.replace(/^[、和及与并]+|[、和及与并]+$/g, "");
    if (TIME_HINT.test(trimmed)) leftovers.push(trimmed);
  }
}

/** Equal for equal rules, whatever order their fields were written in (a plan edited by hand, say). */
export function ruleKey(rule: DeadlineRule): string {
  return JSON.stringify(Object.entries(rule).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The same rule stated twice (及时更新、及时发布) is one rule. */
function distinct(rules: DeadlineRule[]): DeadlineRule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = ruleKey(rule);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
