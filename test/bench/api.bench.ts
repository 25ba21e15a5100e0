// The API on DynamoDB Local (in-memory mode: its on-disk mode is SQLite-bound and says little about DynamoDB).
//   sync of a 60-row ledger: p50/p95 through the app, and the ratio to the raw TransactWriteItems it performs.
//   (The consolidated JSON and .xlsx of 1,000 units have their own: consolidated.bench.ts.)
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createApp } from "../../api/app";
import { localVerifier, signLocalToken } from "../../api/auth/local-tokens";
import { localExportStore } from "../../api/exports/local-export-store";
import { startDynamoLocal } from "../../api/local/dynamo-local";
import { documentClient } from "../../api/storage/dynamodb-client";
import { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { ensureTable } from "../../api/storage/table";
import { benchPlan, benchRows } from "./bench-plan";
import { ms, quantile, report } from "./measure";

const plan = benchPlan;
const rowsFor = benchRows;

const dynamo = await startDynamoLocal();
try {
  const db = documentClient({ endpoint: dynamo.endpoint });
  const table = `bench-${randomUUID()}`;
  await ensureTable(db, table);
  const repository = new DynamoRepository(db, table);
  await repository.publishPlan(plan, "bench", new Date().toISOString());
  const key = new TextEncoder().encode("bench-key-bench-key-bench-key-32");
  const app = createApp({ repository, verifier: localVerifier(key), exports: localExportStore({ dir: mkdtempSync(join(tmpdir(), "taizhang-bench-")) }) });

  // ---- sync of a 60-row ledger, side by side with the raw transaction it performs
  const unit = plan.units[0]!.name;
  const token = await signLocalToken(key, { role: "clerk", unit });
  const rows = rowsFor(unit);
  const RUNS = 60;
  const viaApi: number[] = [];
  const raw: number[] = [];
  let version = 0;
  const rawVersions = new Map<string, number>();
  for (let i = 0; i < RUNS + 5; i++) {
    const start = performance.now();
    const response = await app.request(`/plans/bench/units/${encodeURIComponent(unit)}/ledger`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": `bench-${randomUUID()}` },
      body: JSON.stringify({ baseVersion: version, planVersion: 1, rows }),
    });
    if (response.status !== 200) throw new Error(`sync answered ${response.status}: ${await response.text()}`);
    version++;
    if (i >= 5) viaApi.push(performance.now() - start);

    // The same write without the app around it: the one TransactWriteItems the sync performs, as the
    // repository builds it (conditioned head update, plan-version check, chunks, history, idempotency record).
    const rawUnit = plan.units[1 + (i % 50)]!.name;
    const rawVersion = rawVersions.get(rawUnit) ?? 0;
    const t0 = performance.now();
    const outcome = await repository.syncLedger({
      planId: "bench",
      unit: rawUnit,
      baseVersion: rawVersion,
      planVersion: 1,
      rows,
      findings: [],
      by: "bench",
      at: new Date().toISOString(),
      idempotency: { sub: "bench", key: randomUUID() },
    });
    if (outcome.kind !== "accepted") throw new Error(`raw sync: ${outcome.kind}`);
    rawVersions.set(rawUnit, rawVersion + 1);
    if (i >= 5) raw.push(performance.now() - t0);
  }
  viaApi.sort((a, b) => a - b);
  raw.sort((a, b) => a - b);
  report(`sync 60 rows via the API, p50 (${RUNS} runs)`, ms(quantile(viaApi, 0.5)));
  report(`sync 60 rows via the API, p95`, ms(quantile(viaApi, 0.95)));
  report(`its TransactWriteItems alone (repository), p50`, ms(quantile(raw, 0.5)));
  report(`sync / raw writes (p50)`, `${(quantile(viaApi, 0.5) / quantile(raw, 0.5)).toFixed(2)}×`, "≤ 2×");

} finally {
  await dynamo.stop();
}
