// When two plans are the same plan: the same 文号, or the same issuer, year and title. Publishing one that is
// already published makes its next version, never a second plan with the same title.
import type { PlanSummary } from "../api/contract";
import type { Plan } from "./schema";

/** An ASCII id for a plan (ids go into URLs and keys); the same title and year give the same id. */
export function planId(title: string, year: number): string {
  let hash = 0;
  for (const ch of title) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return `plan-${year}-${hash.toString(36)}`;
}

/** Folds how a 文号 or a title is typed: spaces, bracket shapes, full-width forms. */
const fold = (text: string) =>
  text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[〔［【(（[]/g, "[")
    .replace(/[〕］】)）\]]/g, "]")
    .replace(/[《》“”"]/g, "");

type Identity = Pick<Plan, "year" | "title" | "issuer" | "docNumber">;

export function samePlan(a: Identity, b: Identity): boolean {
  if (a.docNumber && b.docNumber) return fold(a.docNumber) === fold(b.docNumber);
  if (a.year !== b.year || fold(a.title) !== fold(b.title)) return false;
  // One of the two may not state its issuer (a 分解表 sheet without its cover letter): year and title decide.
  return !a.issuer || !b.issuer || fold(a.issuer) === fold(b.issuer);
}

/**
 * The published plan a draft is a new version of, if any: looked up among the plans of the same year (a few),
 * each read once. The API and the pane use this one procedure with their own ways of reading plans.
 */
export async function findPublished<P extends Identity & { id: string }>(
  draft: Identity & { id?: string },
  list: () => Promise<PlanSummary[]>,
  get: (id: string) => Promise<P | undefined>,
): Promise<P | undefined> {
  const summaries = await list();
  if (draft.id && summaries.some((s) => s.id === draft.id)) {
    const same = await get(draft.id);
    if (same) return same;
  }
  for (const summary of summaries.filter((s) => s.year === draft.year && s.id !== draft.id)) {
    const plan = await get(summary.id);
    if (plan && samePlan(draft, plan)) return plan;
  }
  return undefined;
}
