// The API on DynamoDB Local (in-memory mode: its on-disk mode is SQLite-bound and says little about DynamoDB).
// (A sync and syncs under load: sync.bench.ts.)
//   consolidated of 1,000 units × 60 rows as JSON, against the raw Query pages that read the same items;
//   the same as .xlsx (streaming writer), with its peak memory measured in a process of its own.
import { randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { paginateQuery } from "@aws-sdk/lib-dynamodb";
import { createApp } from "../../api/app";
import { localVerifier, signLocalToken } from "../../api/auth/local-tokens";
import { startDynamoLocal } from "../../api/local/dynamo-local";
import { keys } from "../../api/storage/keys";
import { documentClient } from "../../api/storage/dynamodb-client";
import { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { ensureTable } from "../../api/storage/table";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { Plan } from "../../core/plan/schema";
import { mb, ms, quantile, report } from "./measure";

const UNITS = 1000;
const TASKS = 60;

const plan: Plan = {
  id: "bench",
  year: 2022,
  title: "基准测试方案",
  units: Array.from({ length: UNITS }, (_, i) => ({ name: `单位${String(i).padStart(4, "0")}`, aliases: [] })),
  tasks: Array.from({ length: TASKS }, (_, i) => ({
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
const rowsFor = (unit: string) =>
  ledgerFor(plan, unit).map((row, i) => ({ ...row, office: "综合科", leader: "张三", measures: `措施${i}：按季度梳理更新，专人负责。`, progress: "已按计划推进。", status: "推进中" as const }));

const dynamo = await startDynamoLocal();
try {
  const db = documentClient({ endpoint: dynamo.endpoint });
  const table = `bench-${randomUUID()}`;
  await ensureTable(db, table);
  const repository = new DynamoRepository(db, table);
  await repository.publishPlan(plan, "bench", new Date().toISOString());
  const key = new TextEncoder().encode("bench-key-bench-key-bench-key-32");
  const app = createApp({ repository, verifier: localVerifier(key) });

  // ---- 1,000 units × 60 rows
  const seedStart = performance.now();
  const queue = plan.units.slice(1).map((u) => u.name);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let name = queue.shift(); name; name = queue.shift())
        await repository.syncLedger({ planId: "bench", unit: name, baseVersion: 0, planVersion: 1, rows: rowsFor(name), findings: [], by: "bench", at: new Date().toISOString() });
    }),
  );
  console.log(`(seeded ${UNITS} ledgers × ${TASKS} rows in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);

  const officeToken = await signLocalToken(key, { sub: "bench-office", role: "office" });
  const jsonTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    let items = 0;
    for await (const page of paginateQuery({ client: db }, { TableName: table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": keys.ledgersPartition("bench") } }))
      items += page.Items?.length ?? 0;
    const rawTime = performance.now() - t0;
    const t1 = performance.now();
    const response = await app.request("/plans/bench/consolidated", { headers: { authorization: `Bearer ${officeToken}` } });
    const text = await response.text();
    const apiTime = performance.now() - t1;
    if (i > 0) {
      rawTimes.push(rawTime);
      jsonTimes.push(apiTime);
    }
    if (i === 0) console.log(`(raw Query read ${items} items; consolidated JSON ${mb(Buffer.byteLength(text))})`);
  }
  jsonTimes.sort((a, b) => a - b);
  rawTimes.sort((a, b) => a - b);
  report(`consolidated JSON, ${UNITS} units × ${TASKS} rows, median`, ms(quantile(jsonTimes, 0.5)));
  report(`raw Query pages of the same items, median`, ms(quantile(rawTimes, 0.5)));
  report(`consolidated JSON / raw Query`, `${(quantile(jsonTimes, 0.5) / quantile(rawTimes, 0.5)).toFixed(2)}×`, "≤ 1.5×");

  const out = join(mkdtempSync(join(tmpdir(), "taizhang-bench-")), "consolidated.xlsx");
  const child = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "consolidated-xlsx-child.ts"), dynamo.endpoint, table, "bench", out], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(child.stderr);
  const xlsx = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { ms: number; bytes: number; maxRssKb: number };
  report(`consolidated .xlsx, ${UNITS * TASKS} rows (Query + stream write)`, ms(xlsx.ms), "< 10 s");
  report(`  its peak memory (own process, max RSS)`, mb(xlsx.maxRssKb * 1024), "< 400 MB");
  report(`  file size`, mb(xlsx.bytes));
} finally {
  await dynamo.stop();
}
