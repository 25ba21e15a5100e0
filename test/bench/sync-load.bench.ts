// Syncs under load, over HTTP to the app on @hono/node-server and DynamoDB Local (in memory). The clients are
// fetch calls from this same process (so their time is part of each latency):
//   20 and then 100 clerks of one unit syncing from the same base at once: exactly one wins, the others get 409,
//   and what is stored is the winner's rows, one version, nothing half-written;
//   50 units syncing at once, each its own first version: every one accepted and stored as sent.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { serve, type ServerType } from "@hono/node-server";
import { createApp } from "../../api/app";
import { localVerifier, signLocalToken } from "../../api/auth/local-tokens";
import { freePort, startDynamoLocal } from "../../api/local/dynamo-local";
import { documentClient } from "../../api/storage/dynamodb-client";
import { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { ensureTable } from "../../api/storage/table";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { Plan } from "../../core/plan/schema";
import { ms, quantile, report } from "./measure";

const UNITS = 150;
const plan: Plan = {
  id: "load",
  year: 2022,
  title: "负载测试方案",
  units: Array.from({ length: UNITS }, (_, i) => ({ name: `单位${String(i).padStart(3, "0")}`, aliases: [] })),
  tasks: Array.from({ length: 60 }, (_, i) => ({
    id: String(i + 1),
    no: String(i + 1),
    section: "一、基础",
    text: `第${i + 1}项任务：按要求公开相关政府信息，及时更新专栏内容。`,
    lead: [],
    support: [],
    allUnits: true,
    deadline: { text: "长期坚持", rules: [{ kind: "ongoing" as const }] },
  })),
};
const rowsFor = (unit: string, who: string) =>
  ledgerFor(plan, unit).map((row, i) => ({ ...row, office: "综合科", leader: "张三", measures: `措施${i}：按季度梳理更新。`, progress: `${who}填报`, status: "推进中" as const }));

let failed = false;
const dynamo = await startDynamoLocal();
try {
  const db = documentClient({ endpoint: dynamo.endpoint });
  const table = `load-${randomUUID()}`;
  await ensureTable(db, table);
  const repository = new DynamoRepository(db, table);
  await repository.publishPlan(plan, "bench", new Date().toISOString());
  const key = new TextEncoder().encode("bench-key-bench-key-bench-key-32");
  const app = createApp({ repository, verifier: localVerifier(key) });
  const port = await freePort();
  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => ready(s));
  });
  const sync = async (unit: string, token: string, who: string) => {
    const t0 = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/plans/load/units/${encodeURIComponent(unit)}/ledger`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify({ baseVersion: 0, planVersion: 1, rows: rowsFor(unit, who) }),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - t0, who };
  };
  const latencies = (results: { ms: number }[]) => {
    const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
    return `${ms(quantile(sorted, 0.5))} / ${ms(quantile(sorted, 0.95))}`;
  };

  let next = 0;
  for (const clerks of [20, 100]) {
    const unit = plan.units[next++]!.name;
    const tokens = await Promise.all(Array.from({ length: clerks }, (_, i) => signLocalToken(key, { role: "clerk", unit, sub: `clerk-${clerks}-${i}` })));
    const results = await Promise.all(tokens.map((token, i) => sync(unit, token, `第${i}位`)));
    const winners = results.filter((r) => r.status === 200);
    const conflicts = results.filter((r) => r.status === 409).length;
    const stored = await repository.getLedger("load", unit);
    const history = await repository.history("load", unit);
    const intact = winners.length === 1 && stored?.version === 1 && history.length === 1 && stored.rows.every((r) => r.progress === `${winners[0]!.who}填报`);
    report(`${clerks} clerks of one unit at once: accepted / 409 / other`, `${winners.length} / ${conflicts} / ${clerks - winners.length - conflicts}`, `1 / ${clerks - 1} / 0`);
    report(`  stored: the winner's rows, one version`, intact ? "yes" : "NO");
    report(`  latency p50 / p95`, latencies(results));
    failed ||= !intact || conflicts !== clerks - 1;
  }

  const units = plan.units.slice(next, next + 50).map((u) => u.name);
  const tokens = await Promise.all(units.map((unit) => signLocalToken(key, { sub: `clerk-${unit}`, role: "clerk", unit })));
  const t0 = performance.now();
  const results = await Promise.all(units.map((unit, i) => sync(unit, tokens[i]!, unit)));
  const wall = performance.now() - t0;
  const stored = await Promise.all(units.map((unit) => repository.getLedger("load", unit)));
  const accepted = results.filter((r) => r.status === 200).length;
  const intact = stored.every((l, i) => l?.version === 1 && l.rows.length === 60 && l.rows.every((r) => r.progress === `${units[i]}填报`));
  report(`50 units at once: accepted`, `${accepted} / 50`, "50 / 50");
  report(`  stored as sent`, intact ? "yes" : "NO");
  report(`  latency p50 / p95`, latencies(results));
  report(`  all 50 done in`, ms(wall));
  failed ||= accepted !== 50 || !intact;
  await new Promise((done) => server.close(() => done(undefined)));
} finally {
  await dynamo.stop();
}
process.exitCode = failed ? 1 : 0;
