// A plan's oversight at one moment: every unit's reminders and score, from one Query of the plan's ledgers and
// one of its oversight records. The routes, the documents and the daily digest all start here.
import { unitKey } from "../../core/plan/unit-directory";
import { unitReminders } from "../../core/oversight/reminders";
import { DEFAULT_WEIGHTS, type ReviewEvent, type ScoreWeights, type UnitContacts, type UnitReminders, type UnitScore } from "../../core/oversight/schema";
import { rankUnits } from "../../core/oversight/scores";
import type { IsoDate } from "../../core/schema-kit";
import type { Repository, UnitLedger, VersionedPlan } from "../storage/repository";
import type { OversightStore } from "../storage/oversight-store";

export interface PlanOverview {
  plan: VersionedPlan;
  today: IsoDate;
  /** Every unit of the plan's directory, then units that reported under a name the directory lacks. */
  units: string[];
  ledgers: Map<string, UnitLedger>;
  reviews: ReviewEvent[];
  reminders: UnitReminders[];
  scores: UnitScore[];
  weights: ScoreWeights;
}

export async function planOverview(repository: Repository, store: OversightStore, plan: VersionedPlan, today: IsoDate, withinWorkdays: number): Promise<PlanOverview> {
  const [ledgerList, reviews, weights] = await Promise.all([repository.listLedgers(plan.id), store.reviews(plan.id), store.weights(plan.id)]);
  const ledgers = new Map(ledgerList.map((l) => [unitKey(l.unit), l]));
  const names = [...plan.units.map((u) => u.name), ...ledgerList.map((l) => l.unit)];
  const units = [...new Map(names.map((n) => [unitKey(n), n])).values()];
  const reviewsOf = new Map<string, ReviewEvent[]>();
  for (const event of reviews) (reviewsOf.get(unitKey(event.unit)) ?? reviewsOf.set(unitKey(event.unit), []).get(unitKey(event.unit))!).push(event);
  const reminders = units.map((unit) => unitReminders(plan, unit, ledgers.get(unitKey(unit)), { today, withinWorkdays, reviews: reviewsOf.get(unitKey(unit)) ?? [] }));
  const w = weights ?? DEFAULT_WEIGHTS;
  const scores = rankUnits(
    plan,
    units.map((unit) => ({ unit, ledger: ledgers.get(unitKey(unit)), returns: (reviewsOf.get(unitKey(unit)) ?? []).filter((e) => e.verdict === "退回").length })),
    today,
    w,
  );
  return { plan, today, units, ledgers, reviews, reminders, scores, weights: w };
}

export function contactsOf(contacts: readonly UnitContacts[]): (unit: string) => UnitContacts["people"] {
  const byUnit = new Map(contacts.map((c) => [unitKey(c.unit), c.people]));
  return (unit) => byUnit.get(unitKey(unit)) ?? [];
}
