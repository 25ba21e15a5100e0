import type { UnitStatus } from "../api/contract";
import { LEDGER_STATUSES, type LedgerRow, type LedgerStatus } from "../ledger/schema";
import type { Plan } from "../plan/schema";
import type { IsoDate } from "../schema-kit";
import { validate } from "../validate/validate";

/** One unit's synced ledger as the storage hands it over. */
export interface StoredLedger {
  unit: string;
  version: number;
  firstSyncAt?: string;
  updatedAt?: string;
  rows: LedgerRow[];
}

function countByStatus(rows: readonly LedgerRow[]): Record<LedgerStatus, number> {
  const counts = Object.fromEntries(LEDGER_STATUSES.map((s) => [s, 0])) as Record<LedgerStatus, number>;
  for (const row of rows) counts[row.status]++;
  return counts;
}

/** Today's date in China, where the deadlines are kept, as YYYY-MM-DD. */
export function chinaDate(instant: string): IsoDate {
  return new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Where one unit stands: not sent, sent, or sent after the plan's ledgerDue (its first sync counts), with
 * counts by status and the rows overdue today.
 */
export function unitStatus(plan: Plan, unit: string, ledger: StoredLedger | undefined, today: IsoDate): UnitStatus {
  if (!ledger) {
    return { unit, reported: false, state: "未报送", version: 0, counts: countByStatus([]), overdue: 0 };
  }
  const firstDay = ledger.firstSyncAt ? chinaDate(ledger.firstSyncAt) : undefined;
  const late = plan.ledgerDue !== undefined && firstDay !== undefined && firstDay > plan.ledgerDue;
  const overdue = validate(plan, unit, ledger.rows, { today }).filter((f) => f.code === "overdue").length;
  return {
    unit,
    reported: true,
    state: late ? "逾期报送" : "已报送",
    version: ledger.version,
    ...(ledger.firstSyncAt ? { firstSyncAt: ledger.firstSyncAt } : {}),
    ...(ledger.updatedAt ? { lastSyncAt: ledger.updatedAt } : {}),
    counts: countByStatus(ledger.rows),
    overdue,
  };
}
