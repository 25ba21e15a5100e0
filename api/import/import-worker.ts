// The worker thread of importer.ts: imports one job at a time off the server's event loop.
import { parentPort } from "node:worker_threads";
import { runImport, type ImportJob } from "./run-import";

parentPort!.on("message", async ({ id, job }: { id: number; job: ImportJob }) => {
  try {
    parentPort!.postMessage({ id, result: await runImport(job) });
  } catch (error) {
    const e = error as Error & { code?: string };
    parentPort!.postMessage({ id, error: { name: e.name, code: e.code, message: e.message } });
  }
});
