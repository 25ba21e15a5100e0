// The one table's keys, designed for the access patterns (all Query or Get, never Scan):
//
//   pk                         sk                                   what
//   PLANS                      PLAN#<planId>                        the directory: id, year, title, current version
//                                                                   (no body): GET /plans is one small Query, and a
//                                                                   sync's "plan still current" check reads < 1 KB
//   PLAN#<planId>              V#<version>                          every published version's body, kept; immutable,
//                                                                   so each is read once per process
//   LEDGERS#<planId>           UNIT#<unit>#HEAD                     a unit's current version, sync times, findings
//   LEDGERS#<planId>           UNIT#<unit>#ROWS#<chunk>             its current rows, in chunks of < 350 KB
//   LEDGERS#<planId>           UNIT#<unit>#REVIEW#<taskId>#<hash>   the office's 通过/退回 on one row's content: the
//                                                                   task and a hash of the unit's cells it reviewed
//   HISTORY#<planId>#<unit>    V#<version>#HEAD / V#<version>#ROWS#<chunk>   every accepted version, kept
//   IDEMPOTENCY#<sub>#<key>    -                                    a person's retried sync: what it was, its answer
//   HEALTH                     -                                    never written: /health reads it to reach the table
//
// A plan's ledgers share one partition, so the consolidated sheet is one Query (paged) over current rows only;
// a unit's ledger is the same Query narrowed by sk prefix; history lives apart so it never slows either down.
// Unit names and plan ids never hold "#" (the routes refuse them), so one unit's prefix is never another's.

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export const keys = {
  planDirectory: (planId: string) => ({ pk: "PLANS", sk: `PLAN#${planId}` }),
  planVersion: (planId: string, version: number) => ({ pk: `PLAN#${planId}`, sk: `V#${pad(version, 10)}` }),
  planPartition: (planId: string) => `PLAN#${planId}`,
  ledgersPartition: (planId: string) => `LEDGERS#${planId}`,
  unitPrefix: (unit: string) => `UNIT#${unit}#`,
  reviewPrefix: (unit: string) => `UNIT#${unit}#REVIEW#`,
  ledgerHead: (planId: string, unit: string) => ({ pk: `LEDGERS#${planId}`, sk: `UNIT#${unit}#HEAD` }),
  ledgerChunk: (planId: string, unit: string, chunk: number) => ({ pk: `LEDGERS#${planId}`, sk: `UNIT#${unit}#ROWS#${pad(chunk, 3)}` }),
  review: (planId: string, unit: string, rowContent: string) => ({ pk: `LEDGERS#${planId}`, sk: `UNIT#${unit}#REVIEW#${rowContent}` }),
  historyPartition: (planId: string, unit: string) => `HISTORY#${planId}#${unit}`,
  historyHead: (planId: string, unit: string, version: number) => ({ pk: `HISTORY#${planId}#${unit}`, sk: `V#${pad(version, 10)}#HEAD` }),
  historyChunk: (planId: string, unit: string, version: number, chunk: number) => ({
    pk: `HISTORY#${planId}#${unit}`,
    sk: `V#${pad(version, 10)}#ROWS#${pad(chunk, 3)}`,
  }),
  idempotency: (sub: string, key: string) => ({ pk: `IDEMPOTENCY#${sub}#${key}`, sk: "-" }),
  health: () => ({ pk: "HEALTH", sk: "-" }),
};

/** Which kind of item a sk under LEDGERS#<planId> is, and whose. */
export function parseLedgerSk(sk: string): { unit: string; kind: "HEAD" | "ROWS" | "REVIEW"; rest: string } | undefined {
  const m = /^UNIT#(.+?)#(HEAD|ROWS|REVIEW)(?:#(.*))?$/.exec(sk);
  return m ? { unit: m[1]!, kind: m[2] as "HEAD" | "ROWS" | "REVIEW", rest: m[3] ?? "" } : undefined;
}
