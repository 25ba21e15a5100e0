// The consolidated data of 1,000 units × 60 rows on DynamoDB Local (in memory), each against the raw Query pages
// that read the same items, measured in one run:
//   the JSON, every page through the app following the cursors (bar: ≤ 1.15× the raw Query);
//   the merged .xlsx through the app (stored in the local export store while the Query pages arrive), in a process
//   of its own so its peak memory is the export's (bars: ≤ the raw Query + 1 s, max RSS ≤ 160 MB), and for a
//   quarter of the units beside it (streaming: about the same peak). That process
//   runs the app bundled as the function is (esbuild, one ES module) on plain node: tsx's loader, a second
//   JavaScript engine of its own, would add ~30 MB the deployed function does not have.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { paginateQuery } from "@aws-sdk/lib-dynamodb";
import { build } from "esbuild";
import { signLocalToken } from "../../api/auth/local-tokens";
import type { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { keys } from "../../api/storage/keys";
import { ConsolidatedPage } from "../../core/api/contract";
import type { Plan } from "../../core/plan/schema";
import { startBenchApi } from "./bench-api";
import { benchPlan, benchRows, TASKS, UNITS } from "./bench-plan";
import { mb, ms, quantile, report } from "./measure";

const RUNS = 5;
const median = (samples: number[]) => quantile([...samples].sort((a, b) => a - b), 0.5);

const seedStart = performance.now();
/** Every unit of the plan syncs its ledger, eight at a time. */
async function seed(repository: DynamoRepository, plan: Plan): Promise<void> {
  await repository.publishPlan(plan, "bench", new Date().toISOString());
  const queue = plan.units.map((u) => u.name);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let name = queue.shift(); name; name = queue.shift())
        await repository.syncLedger({ planId: plan.id, unit: name, baseVersion: 0, planVersion: 1, rows: benchRows(name), findings: [], by: "bench", at: new Date().toISOString() });
    }),
  );
}
// The same export for a quarter of the units, and both once more with the heap sampled after forced collections:
// what the export keeps (a Query page, the per-unit tallies) does not grow with the units; the peak RSS grows
// with the garbage V8 lets pile up between collections when memory is plentiful.
const quarterPlan: Plan = { ...benchPlan, id: "bench-quarter", units: benchPlan.units.slice(0, UNITS / 4) };
const { db, table, key, app, endpoint, scratch, stop } = await startBenchApi(async (repository) => {
  await seed(repository, benchPlan);
  await seed(repository, quarterPlan);
});
try {
  console.log(`(seeded ${UNITS} + ${UNITS / 4} ledgers × ${TASKS} rows in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
  const office = { authorization: `Bearer ${await signLocalToken(key, { sub: "bench-office", role: "office" })}` };

  /** The Query the consolidated data reads, with nothing around it. */
  async function rawQuery(): Promise<{ ms: number; items: number }> {
    const t0 = performance.now();
    let items = 0;
    for await (const page of paginateQuery({ client: db }, { TableName: table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": keys.ledgersPartition(benchPlan.id) } }))
      items += page.Items?.length ?? 0;
    return { ms: performance.now() - t0, items };
  }

  /**
   * Every page of the consolidated JSON through the app, following the cursors. The timed runs read only each
   * reply's text and its cursor (the JSON's last field), as the raw Query reads items without parsing their rows;
   * the first run parses every page and counts the units.
   */
  async function allPages(check = false): Promise<{ ms: number; pages: number; bytes: number; largest: number; units: number }> {
    const t0 = performance.now();
    let cursor: string | undefined;
    let pages = 0, bytes = 0, largest = 0, units = 0;
    do {
      const response = await app.request(`/plans/${benchPlan.id}/consolidated${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, { headers: office });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`page ${pages + 1} answered ${response.status}: ${text.slice(0, 200)}`);
      pages++;
      bytes += Buffer.byteLength(text);
      largest = Math.max(largest, Buffer.byteLength(text));
      if (check) {
        const page = ConsolidatedPage.parse(JSON.parse(text));
        units += page.ledgers.filter((l) => !l.continues).length;
        cursor = page.next;
      } else cursor = /"next":"([^"]+)"\}$/.exec(text)?.[1];
    } while (cursor);
    return { ms: performance.now() - t0, pages, bytes, largest, units };
  }

  // ---- JSON: raw and paged alternate, so both see the same machine.
  const raw: number[] = [];
  const json: number[] = [];
  await rawQuery();
  const first = await allPages(true);
  if (first.units !== UNITS) throw new Error(`the pages held ${first.units} units, not ${UNITS}`);
  for (let i = 0; i < RUNS; i++) {
    raw.push((await rawQuery()).ms);
    json.push((await allPages()).ms);
  }
  const items = (await rawQuery()).items;
  console.log(`(raw Query read ${items} items; consolidated JSON in ${first.pages} pages, ${mb(first.bytes)} in all, the largest ${mb(first.largest)})`);
  report(`consolidated JSON, ${UNITS} units × ${TASKS} rows, all pages, median`, ms(median(json)));
  report(`raw Query pages of the same items, median`, ms(median(raw)));
  report(`consolidated JSON / raw Query`, `${(median(json) / median(raw)).toFixed(2)}×`, "≤ 1.15×");

  // ---- status: every unit's counts and overdue rows, read a Query page at a time
  const status: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const response = await app.request(`/plans/${benchPlan.id}/status`, { headers: office });
    if (response.status !== 200) throw new Error(`status answered ${response.status}`);
    await response.text();
    status.push(performance.now() - t0);
  }
  report(`status of ${UNITS} units, median`, ms(median(status)));

  // ---- .xlsx, each export in a fresh process (its peak RSS is the export's), next to a raw Query.
  const child = join(scratch, "consolidated-xlsx-child.mjs");
  await build({
    entryPoints: [join(import.meta.dirname, "consolidated-xlsx-child.ts")],
    outfile: child,
    bundle: true,
    platform: "node",
    format: "esm",
    minify: true,
    // As infra/constructs/api-service.ts bundles the function: CommonJS dependencies get the `require` they expect.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: "warning",
  });
  type ChildRun = { ms: number; cpuMs: number; bytes: number; maxRssKb: number; startRssKb: number; liveHeapKb: number };
  const exportOnce = (i: number, planId: string, flags: string[] = []): ChildRun => {
    const run = spawnSync(process.execPath, [...flags, child, endpoint, table, planId, join(scratch, `child-${i}`)], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`the export of ${planId} failed: ${run.stderr.slice(-500)}`);
    return JSON.parse(run.stdout.trim().split("\n").at(-1)!);
  };
  const plain: ChildRun[] = [];
  const quarter: ChildRun[] = [];
  const rawX: number[] = [];
  for (let i = 0; i < 3; i++) {
    rawX.push((await rawQuery()).ms);
    plain.push(exportOnce(i, benchPlan.id));
    quarter.push(exportOnce(i, quarterPlan.id));
  }
  const xlsxMs = median(plain.map((x) => x.ms));
  report(`consolidated .xlsx, ${UNITS * TASKS} rows, streamed and stored, median`, ms(xlsxMs));
  report(`raw Query pages of the same items, median`, ms(median(rawX)));
  report(`  .xlsx − raw Query`, ms(xlsxMs - median(rawX)), "≤ 1,000 ms");
  // On a busy machine the wall times above swing by seconds; the export's own work does not.
  report(`  its CPU time (all its threads), median`, ms(median(plain.map((x) => x.cpuMs))));
  report(`  its process before the export (RSS), median`, mb(median(plain.map((x) => x.startRssKb)) * 1024));
  report(`  its peak memory (max RSS), median`, mb(median(plain.map((x) => x.maxRssKb)) * 1024), "≤ 160 MB");
  report(`  the same for ${UNITS / 4} units: peak memory (max RSS), median`, mb(median(quarter.map((x) => x.maxRssKb)) * 1024));
  const live = (planId: string) => mb(exportOnce(9, planId, ["--expose-gc"]).liveHeapKb * 1024);
  report(`  what it keeps (heap after full collections), ${UNITS} units`, live(benchPlan.id));
  report(`  what it keeps (heap after full collections), ${UNITS / 4} units`, live(quarterPlan.id));
  // V8 lets garbage pile up to well past what is live; held to a small old generation, the export still finishes
  // (it would not if it kept every row) and the peak shows what streaming costs.
  const capped = exportOnce(10, benchPlan.id, ["--max-old-space-size=96"]);
  report(`  with V8's old generation held to 96 MB: peak memory (max RSS)`, mb(capped.maxRssKb * 1024));
  report(`  file size`, mb(plain[0]!.bytes));
} finally {
  await stop();
}
