// The one table's keys, designed for the access patterns (all Query or Get, never Scan):
//
//   pk                         sk                                   what
//   PLANS                      PLAN#<planId>                        the directory, with the current version's body:
//                                                                   GET /plans is one Query, GET /plans/{id} one Get
//   PLAN#<planId>              V#<version>                          every published version of a plan, kept
//   LEDGERS#<planId>           UNIT#<unit>#HEAD                     a unit's current version, sync times, findings
//   LEDGERS#<planId>           UNIT#<unit>#ROWS#<chunk>             its current rows, in chunks of < 350 KB
//   LEDGERS#<planId>           UNIT#<unit>#REVIEW#<rowKey>          the office's 通过/退回 on a row
//   HISTORY#<planId>#<unit>    V#<version>#HEAD / V#<version>#ROWS#<chunk>   every accepted version, kept
//   IDEMPOTENCY#<sub>#<key>    -                                    the first answer to a retried sync (expires)
//
// A plan's ledgers share one partition, so the consolidated sheet is one Query (paged) over current rows only;
// a unit's ledger is the same Query narrowed by sk prefix; history lives apart so it never slows either down.

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export const keys = {
  planDirectory: (planId: string) => ({ pk: "PLANS", sk: `PLAN#${planId}` }),
  planVersion: (planId: string, version: number) => ({ pk: `PLAN#${planId}`, sk: `V#${pad(version, 10)}` }),
  planPartition: (planId: string) => `PLAN#${planId}`,
  ledgersPartition: (planId: string) => `LEDGERS#${planId}`,
  unitPrefix: (unit: string) => `UNIT#${unit}#`,
  ledgerHead: (planId: string, unit: string) => ({ pk: `LEDGERS#${planId}`, sk: `UNIT#${unit}#HEAD` }),
  ledgerChunk: (planId: string, unit: string, chunk: number) => ({ pk: `LEDGERS#${planId}`, sk: `UNIT#${unit}#ROWS#${pad(chunk, 3)}` }),
  review: (planId: string, unit: string, rowKey: string) => ({ pk: `LEDGERS#${planId}`, sk: `UNIT#${unit}#REVIEW#${rowKey}` }),
  historyPartition: (planId: string, unit: string) => `HISTORY#${planId}#${unit}`,
  historyHead: (planId: string, unit: string, version: number) => ({ pk: `HISTORY#${planId}#${unit}`, sk: `V#${pad(version, 10)}#HEAD` }),
  historyChunk: (planId: string, unit: string, version: number, chunk: number) => ({
    pk: `HISTORY#${planId}#${unit}`,
    sk: `V#${pad(version, 10)}#ROWS#${pad(chunk, 3)}`,
  }),
  idempotency: (sub: string, key: string) => ({ pk: `IDEMPOTENCY#${sub}#${key}`, sk: "-" }),
};

/** Which kind of item a sk under LEDGERS#<planId> is, and whose. */
export function parseLedgerSk(sk: string): { unit: string; kind: "HEAD" | "ROWS" | "REVIEW"; rest: string } | undefined {
  const m = /^UNIT#(.+)#(HEAD|ROWS|REVIEW)(?:#(.*))?$/.exec(sk);
  return m ? { unit: m[1]!, kind: m[2] as "HEAD" | "ROWS" | "REVIEW", rest: m[3] ?? "" } : undefined;
}
