// What the routes need from storage, and nothing about how it is kept. The one implementation is
// DynamoRepository (dynamodb-repository.ts, beside this file); routes and tests depend on this interface only,
// so a store of another kind (or a paged read, a user store) is added beside it without touching the routes.
import type { HistoryEntry, PlanSummary } from "../../core/api/contract";
import type { StoredLedger } from "../../core/merge/consolidate";
import type { Finding, LedgerRow, RowReview } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";

export type VersionedPlan = Plan & { version: number };

export interface UnitLedger extends StoredLedger {
  findings: Finding[];
  updatedBy?: string;
}

export type SyncOutcome =
  | { kind: "accepted"; ledger: UnitLedger }
  | { kind: "stale"; current: UnitLedger | undefined }
  | { kind: "plan-changed" }
  | { kind: "replayed"; version: number };

export interface SyncInput {
  planId: string;
  unit: string;
  baseVersion: number;
  /** When set, the sync holds only while this is still the plan's current version. */
  planVersion?: number;
  rows: LedgerRow[];
  findings: Finding[];
  by: string;
  at: string;
  idempotency?: { sub: string; key: string };
}

export interface Repository {
  // plans: every published version is kept and never changes
  listPlans(): Promise<PlanSummary[]>;
  /** The current version, or the one asked for; undefined when there is none. */
  getPlan(planId: string, version?: number): Promise<VersionedPlan | undefined>;
  /** A new version of the plan; every earlier version stays readable. */
  publishPlan(plan: Plan, by: string, at: string): Promise<VersionedPlan>;

  // ledgers: a unit's current rows, every accepted version, the office's reviews
  getLedger(planId: string, unit: string): Promise<UnitLedger | undefined>;
  /** Every unit's current ledger of a plan. */
  listLedgers(planId: string): Promise<UnitLedger[]>;
  /** Applies a sync whole or not at all, conditioned on the base version. */
  syncLedger(input: SyncInput): Promise<SyncOutcome>;
  history(planId: string, unit: string): Promise<HistoryEntry[]>;
  /** The rows and findings a unit's ledger had at one version. */
  ledgerAt(planId: string, unit: string, version: number): Promise<UnitLedger | undefined>;
  saveReview(planId: string, unit: string, rowKey: string, review: RowReview): Promise<void>;
}
