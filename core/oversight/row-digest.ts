import { shortDigest } from "../digest";
import type { LedgerRow } from "../ledger/schema";

/** The cells a clerk fills: a change to any of them is the unit acting on a 退回. */
const CLERK_FIELDS = ["deadline", "office", "leader", "measures", "progress", "status", "doneOn", "triggeredOn", "evidence", "note"] as const;

/**
 * A short fingerprint of what the clerk wrote in a row (cyrb53, not a security hash: it only tells "changed since
 * the office returned it" from "not"). Stored with each 退回, compared with the row as it is now.
 */
export function rowDigest(row: LedgerRow): string {
  return shortDigest(JSON.stringify(CLERK_FIELDS.map((f) => row[f] ?? "")));
}
