// A plan's oversight at one moment: every unit's reminders and score, from one Query of the plan's ledgers and
// one of its oversight records. The routes, the documents and the daily digest all start here.
import { unitKey } from "../../core/plan/unit-directory";
import { unitReminders } from "../../core/oversight/reminders";
import { DEFAULT_WEIGHTS, type ReviewEvent, type ScoreWeights, type UnitContacts, type UnitReminders, type UnitScore } from "../../core/oversight/schema";
import { rankScores, unitScore } from "../../core/oversight/scores";
import type { StoredLedger } from "../../core/merge/consolidate";
import type { IsoDate } from "../../core/schema-kit";
import type { Repository, VersionedPlan } from "../storage/repository";
import type { OversightStore } from "../storage/oversight-store";

export interface PlanOverview {
  plan: VersionedPlan;
  today: IsoDate;
  /** Every unit of the plan's directory, then units that reported under a name the directory lacks. */
  units: string[];
  reviews: ReviewEvent[];
  reminders: UnitReminders[];
  scores: UnitScore[];
  weights: ScoreWeights;
}

/**
 * A plan's ledgers, a batch at a time. Each unit is worked out as it arrives and only its reminders and score are
 * kept, so the overview never holds every unit's rows at once. The one place that says how ledgers are read.
 */
export async function* planLedgers(repository: Repository, planId: string): AsyncGenerator<readonly StoredLedger[]> {
  for await (const { ledgers } of repository.ledgerStream(planId, { prefetch: true })) yield ledgers;
}

export async function planOverview(repository: Repository, store: OversightStore, plan: VersionedPlan, today: IsoDate, withinWorkdays: number): Promise<PlanOverview> {
  const [reviews, stored] = await Promise.all([store.reviews(plan.id), store.weights(plan.id)]);
  const weights = stored ?? DEFAULT_WEIGHTS;
  const reviewsOf = new Map<string, ReviewEvent[]>();
  for (const event of reviews) (reviewsOf.get(unitKey(event.unit)) ?? reviewsOf.set(unitKey(event.unit), []).get(unitKey(event.unit))!).push(event);
  const work = (unit: string, ledger: StoredLedger | undefined) => {
    const own = reviewsOf.get(unitKey(unit)) ?? [];
    return {
      unit,
      reminders: unitReminders(plan, unit, ledger, { today, withinWorkdays, reviews: own }),
      score: unitScore(plan, { unit, ledger, returns: own.filter((e) => e.verdict === "退回").length }, today, weights),
    };
  };
  // The directory's units in its order; a unit reporting under a name the directory lacks comes after them.
  const directory = new Map(plan.units.map((u) => [unitKey(u.name), u.name]));
  const done = new Map<string, ReturnType<typeof work>>();
  const extra: ReturnType<typeof work>[] = [];
  for await (const batch of planLedgers(repository, plan.id)) {
    for (const ledger of batch) {
      const key = unitKey(ledger.unit);
      const result = work(directory.get(key) ?? ledger.unit, ledger);
      if (directory.has(key)) done.set(key, result);
      else extra.push(result);
    }
  }
  const all = [...[...directory].map(([key, name]) => done.get(key) ?? work(name, undefined)), ...extra];
  return {
    plan,
    today,
    units: all.map((r) => r.unit),
    reviews,
    reminders: all.map((r) => r.reminders),
    scores: rankScores(all.map((r) => r.score)),
    weights,
  };
}

export function contactsOf(contacts: readonly UnitContacts[]): (unit: string) => UnitContacts["people"] {
  const byUnit = new Map(contacts.map((c) => [unitKey(c.unit), c.people]));
  return (unit) => byUnit.get(unitKey(unit)) ?? [];
}
