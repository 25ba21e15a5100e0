// Plan import: each seed document; documents of 10 KB, 100 KB and 1 MB in a table and in prose (linear: the
// 1 MB time is about ten times the 100 KB one); 10,000 table rows become 10,000 tasks; and /health answering
// while the local API imports a 1 MB file (a worker thread) compared with an import run in the request.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { createApp } from "../../api/app";
import { loadOrCreateKey, localVerifier, signLocalToken } from "../../api/auth/local-tokens";
import { localExportStore } from "../../api/exports/local-export-store";
import { freePort, startDynamoLocal } from "../../api/local/dynamo-local";
import { inlineImporter, workerImporter, type PlanImporter } from "../../api/import/importer";
import { documentClient } from "../../api/storage/dynamodb-client";
import { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { ensureTable } from "../../api/storage/table";
import { importPlan } from "../../core/plan/import";
import { ms, quantile, report, time } from "./measure";
import { markdownPlan, prosePlan } from "./plan-documents";

const index: { file: string; id: string; year?: number }[] = JSON.parse(readFileSync("seeds/plans/index.json", "utf8"));
for (const seed of index) {
  const text = readFileSync(`seeds/${seed.file}`, "utf8");
  const timing = await time(() => importPlan(text, { id: seed.id, year: seed.year }), 100, 10);
  report(`plan import ${seed.id} (${text.length} chars), median of ${timing.runs}`, ms(timing.median), "< 20 ms");
}

const SIZES = [10_000, 100_000, 1_000_000];
for (const [name, make] of [["table", markdownPlan], ["prose", prosePlan]] as const) {
  const medians: number[] = [];
  for (const size of SIZES) {
    const text = make(size);
    const runs = size >= 1_000_000 ? 5 : 20;
    const timing = await time(() => importPlan(text, { year: 2024 }), runs, 2);
    medians.push(timing.median);
    const tasks = importPlan(text, { year: 2024 }).plan.tasks.length;
    report(`plan import, ${name} of ${(size / 1000).toFixed(0)} KB (${tasks} tasks), median of ${runs}`, ms(timing.median), size >= 1_000_000 ? "< 1000 ms" : undefined);
  }
  report(`  ${name}: 1 MB time / 100 KB time (linear ≈ 10)`, (medians[2]! / medians[1]!).toFixed(1));
}

// Every number kept: a table of 10,000 rows is 10,000 tasks, the last one numbered 10000.
{
  const rows = ["2024年某区政务公开任务分解表", "| 序号 | 工作任务 | 牵头单位 | 完成时限 |", "|---|---|---|---|"];
  for (let i = 1; i <= 10_000; i++) rows.push(`| ${i} | 第${i}项任务。 | 区政府办 | 年底前 |`);
  const { plan } = importPlan(rows.join("\n"));
  report("10,000 table rows → tasks (last id)", `${plan.tasks.length} (${plan.tasks.at(-1)!.id})`, "10000 (10000)");
}

// /health while a 1 MB file is imported: the local API's worker thread against an import in the request.
{
  const scratch = await mkdtemp(join(tmpdir(), "taizhang-bench-"));
  const dynamo = await startDynamoLocal();
  try {
    const db = documentClient({ endpoint: dynamo.endpoint });
    await ensureTable(db, "bench-import");
    const repository = new DynamoRepository(db, "bench-import");
    const key = await loadOrCreateKey(scratch);
    const token = await signLocalToken(key, { role: "admin", sub: "admin:bench" });
    const document = markdownPlan(1_000_000);
    for (const [label, importer] of [["in a worker thread (local API)", workerImporter()], ["in the request (as on Lambda)", inlineImporter]] as Array<[string, PlanImporter]>) {
      const app = createApp({ repository, verifier: localVerifier(key), exports: localExportStore({ dir: join(scratch, "exports") }), importer });
      const port = await freePort();
      const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
      const base = `http://127.0.0.1:${port}`;
      const upload = async () => {
        const form = new FormData();
        form.append("file", new Blob([document]), "plan.md");
        const response = await fetch(`${base}/plans/import`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
        if (!response.ok) throw new Error(`import answered ${response.status}`);
        await response.arrayBuffer();
      };
      await upload(); // warm: the worker started, the code compiled
      const poller = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "health-poller-child.ts"), `${base}/health`], { stdio: ["pipe", "pipe", "inherit"] });
      let output = "";
      poller.stdout.on("data", (chunk) => (output += chunk));
      const exited = new Promise((done) => poller.on("exit", done));
      await new Promise((r) => setTimeout(r, 1500)); // the poller started and answered a few times
      const started = performance.now();
      await upload();
      const importMs = performance.now() - started;
      await new Promise((r) => setTimeout(r, 100));
      poller.stdin.end();
      await exited;
      const latencies = (JSON.parse(output) as number[]).sort((a, b) => a - b);
      report(`1 MB upload imported ${label}`, ms(importMs));
      report(`  /health meanwhile, ${latencies.length} answers: p50 / max`, `${ms(quantile(latencies, 0.5))} / ${ms(latencies.at(-1)!)}`, label.includes("worker") ? "max < 100 ms" : undefined);
      await importer.close();
      await new Promise<void>((done) => server.close(() => done()));
    }
  } finally {
    await dynamo.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}
