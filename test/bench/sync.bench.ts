// Syncs on DynamoDB Local (in memory).
//   A 60-row sync through the app (token, body, validation, storage), p50/p95, and its ratio to the one
//   TransactWriteItems it performs, built as the repository builds it and sent straight to the client.
//   Under load, over HTTP to the app on its Node server (clients are fetch calls from this same process, so
//   their time is part of each latency): 20 and then 100 clerks of one unit syncing from the same base at once
//   (exactly one wins, the others get 409, what is stored is the winner's rows, one version); 50 units at once.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { signLocalToken } from "../../api/auth/local-tokens";
import { serveApp } from "../../api/local/node-server";
import { syncTransaction } from "../../api/storage/dynamodb-repository";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { clerkCells } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { allUnitsPlan } from "../fixtures/all-units-plan";
import { startBenchApi } from "./bench-api";
import { ms, quantile, report } from "./measure";

const UNITS = 250;
const plan: Plan = allUnitsPlan(
  "bench",
  Array.from({ length: UNITS }, (_, i) => `单位${String(i).padStart(4, "0")}`),
  60,
);
/** The rows as stored: what the clerk sends (clerkCells) with the plan's role. */
const rowsFor = (unit: string, progress = "已按计划推进。") =>
  ledgerFor(plan, unit).map((row, i) => ({ ...row, office: "综合科", leader: "张三", measures: `措施${i}：按季度梳理更新，专人负责。`, progress, status: "推进中" as const }));
const p50p95 = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${ms(quantile(sorted, 0.5))} / ${ms(quantile(sorted, 0.95))}`;
};

let failed = false;
const { db, table, repository, key, app, stop } = await startBenchApi((r) => r.publishPlan(plan, "bench", new Date().toISOString()));
try {
  const units = plan.units.map((u) => u.name);

  // ---- one 60-row sync, side by side with the raw transaction it performs
  const unit = units[0]!;
  const token = await signLocalToken(key, { sub: "bench-clerk", role: "clerk", unit });
  const rows = rowsFor(unit);
  const body = (baseVersion: number) => JSON.stringify({ baseVersion, planVersion: 1, rows: rows.map(clerkCells) });
  // Each run times one sync through the app and one raw transaction, in alternating order, and the ratio is the
  // median of the runs' own ratios: on a shared machine the load drifts, and a pair sees the same moment.
  const RUNS = 100;
  const viaApi: number[] = [];
  const raw: number[] = [];
  const ratios: number[] = [];
  let version = 0;
  let rawVersion = 0;
  let writeUnits: number | undefined;
  const throughApp = async () => {
    const start = performance.now();
    const response = await app.request(`/plans/bench/units/${encodeURIComponent(unit)}/ledger`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": `bench-${randomUUID()}` },
      body: body(version),
    });
    if (response.status !== 200) throw new Error(`sync answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    version++;
    return performance.now() - start;
  };
  // Like the app's, one unit's ledger version after version (its history partition grows the same way).
  const rawUnit = units[1]!;
  const rawTransaction = async () => {
    const input = { planId: "bench", unit: rawUnit, baseVersion: rawVersion, planVersion: 1, rows, findings: [], by: "bench", at: new Date().toISOString(), idempotency: { sub: "bench", key: randomUUID(), fingerprint: randomUUID() } };
    const start = performance.now();
    const written = await db.send(new TransactWriteCommand({ TransactItems: syncTransaction(table, input), ReturnConsumedCapacity: "TOTAL" }));
    const elapsed = performance.now() - start;
    rawVersion++;
    writeUnits = written.ConsumedCapacity?.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
    return elapsed;
  };
  for (let i = 0; i < RUNS + 5; i++) {
    const [a, r] = i % 2 ? [await throughApp(), await rawTransaction()] : [await rawTransaction(), await throughApp()].reverse();
    if (i < 5) continue;
    viaApi.push(a!);
    raw.push(r!);
    ratios.push(a! / r!);
  }
  report(`sync 60 rows via the API, p50 / p95 (${RUNS} runs)`, p50p95(viaApi));
  report(`its TransactWriteItems alone, p50 / p95`, p50p95(raw));
  report(`sync / raw TransactWriteItems (median of paired runs)`, `${quantile([...ratios].sort((a, b) => a - b), 0.5).toFixed(2)}×`, "≤ 1.5×");
  if (writeUnits !== undefined) report(`  write units of that transaction (as DynamoDB Local counts)`, writeUnits.toFixed(0));

  // ---- under load, over HTTP
  const server = await serveApp(app.fetch, { port: 0 });
  const sync = async (unit: string, token: string, progress: string) => {
    const t0 = performance.now();
    const response = await fetch(`${server.url}/plans/bench/units/${encodeURIComponent(unit)}/ledger`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify({ baseVersion: 0, planVersion: 1, rows: rowsFor(unit, progress).map(clerkCells) }),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - t0, progress };
  };
  let next = 60;
  for (const clerks of [20, 100]) {
    const target = units[next++]!;
    const tokens = await Promise.all(Array.from({ length: clerks }, (_, i) => signLocalToken(key, { sub: `clerk-${clerks}-${i}`, role: "clerk", unit: target })));
    const results = await Promise.all(tokens.map((t, i) => sync(target, t, `第${i}位联络员填报`)));
    const winners = results.filter((r) => r.status === 200);
    const conflicts = results.filter((r) => r.status === 409).length;
    const stored = await repository.getLedger("bench", target);
    const history = await repository.history("bench", target);
    const intact = winners.length === 1 && stored?.version === 1 && history.length === 1 && stored.rows.length === 60 && stored.rows.every((r) => r.progress === winners[0]!.progress);
    report(`${clerks} clerks of one unit at once: 200 / 409 / other`, `${winners.length} / ${conflicts} / ${clerks - winners.length - conflicts}`, `1 / ${clerks - 1} / 0`);
    report(`  stored: the winner's 60 rows, one version`, intact ? "yes" : "NO");
    report(`  latency p50 / p95`, p50p95(results.map((r) => r.ms)));
    failed ||= !intact || conflicts !== clerks - 1;
  }
  const fifty = units.slice(next, next + 50);
  const tokens = await Promise.all(fifty.map((u) => signLocalToken(key, { sub: `clerk-${u}`, role: "clerk", unit: u })));
  const t0 = performance.now();
  const results = await Promise.all(fifty.map((u, i) => sync(u, tokens[i]!, `${u}填报`)));
  const wall = performance.now() - t0;
  const stored = await Promise.all(fifty.map((u) => repository.getLedger("bench", u)));
  const accepted = results.filter((r) => r.status === 200).length;
  const intact = stored.every((l, i) => l?.version === 1 && l.rows.length === 60 && l.rows.every((r) => r.progress === `${fifty[i]}填报`));
  report(`50 units at once: accepted`, `${accepted} / 50`, "50 / 50");
  report(`  stored as sent`, intact ? "yes" : "NO");
  report(`  latency p50 / p95`, p50p95(results.map((r) => r.ms)));
  report(`  all 50 answered in`, ms(wall));
  failed ||= accepted !== 50 || !intact;
  await server.close();
} finally {
  await stop();
}
process.exitCode = failed ? 1 : 0;
