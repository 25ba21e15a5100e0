import type { DeadlineRule } from "../schema";
import { WORDINGS } from "./grammar";
import { readText } from "./scan";
import { normalize } from "./text";

export { ruleKey } from "./scan";

export interface DeadlineContext {
  /** The plan's year: 6月底前 and 年底前 fall in it. */
  year: number;
}

export interface ParsedDeadline {
  rules: DeadlineRule[];
  /** What no rule fits, in the document's words (spaces removed); reported, never dropped. */
  unparsed: string[];
}

const PROSE_WORDINGS = WORDINGS.filter((wording) => wording.inProse);

/**
 * A 时限要求 / 完成时限 cell as rules. A cell can state several limits (「…20个工作日内公开，行政处罚信息于…7个
 * 工作日内公开」). When no rule fits at all, the whole cell is `unparsed`; otherwise only the pieces that
 * still read like a time limit are.
 */
export function parseDeadline(text: string, ctx: DeadlineContext): ParsedDeadline {
  const normalized = normalize(text);
  const { rules, leftovers } = readText(normalized, WORDINGS, ctx.year);
  if (rules.length === 0) return { rules, unparsed: normalized ? [normalized] : [] };
  return { rules, unparsed: leftovers };
}

/**
 * Time limits stated inside a requirement's text (「每月25日前及时在区政府门户网站发布…」): dates, counts of days
 * and frequencies, not adverbs such as 及时 or 定期 that nearly every requirement uses.
 */
export function findDeadlinesInText(text: string, ctx: DeadlineContext): DeadlineRule[] {
  return readText(normalize(text), PROSE_WORDINGS, ctx.year).rules;
}
