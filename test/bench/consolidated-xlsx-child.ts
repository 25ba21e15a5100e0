// Run by consolidated.bench.ts in a process of its own, so its peak memory is the export's alone: the app asked
// for the consolidated .xlsx of a plan on DynamoDB Local, which streams it into a local export store in `dir`.
import { statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createApp } from "../../api/app";
import { localVerifier, signLocalToken } from "../../api/auth/local-tokens";
import { localExportStore } from "../../api/exports/local-export-store";
import { documentClient } from "../../api/storage/dynamodb-client";
import { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { ExportLink } from "../../core/api/contract";

const [endpoint, table, planId, dir] = process.argv.slice(2) as [string, string, string, string];
const key = new TextEncoder().encode("bench-key-bench-key-bench-key-32");
const app = createApp({ repository: new DynamoRepository(documentClient({ endpoint }), table), verifier: localVerifier(key), exports: localExportStore({ dir }) });
const token = await signLocalToken(key, { sub: "bench-office", role: "office" });
const startRssKb = Math.round(process.memoryUsage().rss / 1024);

// Run with --expose-gc, it also samples what the export keeps: the heap after a full collection, every 250 ms.
const collect = (globalThis as { gc?: () => void }).gc;
let liveHeapKb = 0;
const sampler = collect
  ? setInterval(() => {
      collect();
      liveHeapKb = Math.max(liveHeapKb, Math.round(process.memoryUsage().heapUsed / 1024));
    }, 250)
  : undefined;

const start = performance.now();
const cpu = process.cpuUsage();
const response = await app.request(`/plans/${planId}/consolidated?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
if (response.status !== 200) throw new Error(`export answered ${response.status}: ${await response.text()}`);
const link = ExportLink.parse(await response.json());
const elapsed = performance.now() - start;
clearInterval(sampler);
const used = process.cpuUsage(cpu);
const url = new URL(link.url);
console.log(JSON.stringify({ ms: elapsed, cpuMs: (used.user + used.system) / 1000, bytes: statSync(`${dir}${url.pathname.replace(/^\/exports/, "")}`).size, maxRssKb: process.resourceUsage().maxRSS, startRssKb, liveHeapKb }));
