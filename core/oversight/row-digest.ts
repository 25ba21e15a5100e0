import type { LedgerRow } from "../ledger/schema";

/** The cells a clerk fills: a change to any of them is the unit acting on a 退回. */
const CLERK_FIELDS = ["deadline", "office", "leader", "measures", "progress", "status", "doneOn", "triggeredOn", "evidence", "note"] as const;

/**
 * A short fingerprint of what the clerk wrote in a row (cyrb53, not a security hash: it only tells "changed since
 * the office returned it" from "not"). Stored with each 退回, compared with the row as it is now.
 */
export function rowDigest(row: LedgerRow): string {
  const text = JSON.stringify(CLERK_FIELDS.map((f) => row[f] ?? ""));
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
