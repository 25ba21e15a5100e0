// What the routes need from storage, and nothing about how it is kept. The one implementation is
// DynamoRepository (dynamodb-repository.ts, beside this file); routes and tests depend on this interface only,
// so a store of another kind (or a paged read, a user store) is added beside it without touching the routes.
import type { HistoryEntry, PlanSummary } from "../../core/api/contract";
import type { StoredLedger } from "../../core/merge/consolidate";
import type { Finding, LedgerRow, RowReview } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import type { LedgerBatch, LedgerStreamOptions } from "./ledger-stream";

export type VersionedPlan = Plan & { version: number };

export interface UnitLedger extends StoredLedger {
  findings: Finding[];
  updatedBy?: string;
}

/** A person's Idempotency-Key on a sync, and the fingerprint of what it was sent with (route, target, body). */
export interface IdempotencyClaim {
  sub: string;
  key: string;
  fingerprint: string;
}

export type SyncOutcome =
  | { kind: "accepted"; ledger: UnitLedger }
  /** The same person sent the same request with this key before: its answer, not a second execution. */
  | { kind: "replayed"; ledger: UnitLedger }
  | { kind: "stale"; current: UnitLedger | undefined }
  | { kind: "plan-changed" }
  /** The key was used before for another request (another body, unit or route): nothing written. */
  | { kind: "key-reused" }
  /** Another request with the same key (or on the same ledger) is still being written; nothing written. */
  | { kind: "in-progress" };

export interface SyncInput {
  planId: string;
  unit: string;
  baseVersion: number;
  /** The plan version the rows were checked against: the sync holds only while it is still the current one. */
  planVersion: number;
  /** Validated and normalized by the server: the unit's cells and the plan's role, never a review. */
  rows: LedgerRow[];
  findings: Finding[];
  by: string;
  at: string;
  idempotency?: IdempotencyClaim;
}

/** The database did not answer in time, could not be reached, or refused for load: worth a retry later (503). */
export class StorageUnavailable extends Error {
  constructor(cause: unknown) {
    super("storage unavailable", { cause });
  }
}

export interface Repository {
  // plans: every published version is kept and never changes
  listPlans(): Promise<PlanSummary[]>;
  /** The current version, or the one asked for; undefined when there is none. */
  getPlan(planId: string, version?: number): Promise<VersionedPlan | undefined>;
  /** A new version of the plan; every earlier version stays readable. */
  publishPlan(plan: Plan, by: string, at: string): Promise<VersionedPlan>;

  // ledgers: a unit's current rows, every accepted version, the office's reviews
  /** The unit's current ledger, each row with the office's review of its current content. */
  getLedger(planId: string, unit: string): Promise<UnitLedger | undefined>;
  /**
   * Every unit's current ledger of a plan, a Query page at a time, as whole units in storage order (ledger-stream.ts):
   * what the consolidated pages, the .xlsx and the status read, so none of them holds 1,000 units at once.
   */
  ledgerStream(planId: string, options?: LedgerStreamOptions): AsyncGenerator<LedgerBatch>;
  /** Applies a sync whole or not at all, conditioned on the base version and the plan version. */
  syncLedger(input: SyncInput): Promise<SyncOutcome>;
  history(planId: string, unit: string): Promise<HistoryEntry[]>;
  /** The rows and findings a unit's ledger had at one version, as accepted (no reviews). */
  ledgerAt(planId: string, unit: string, version: number): Promise<UnitLedger | undefined>;
  /** The office's verdict on this row's content (see reviews.ts): shown while the row keeps that content. */
  saveReview(planId: string, unit: string, row: LedgerRow, review: RowReview): Promise<void>;

  /** Throws StorageUnavailable unless the table answers a read within a moment. */
  ping(): Promise<void>;
}
