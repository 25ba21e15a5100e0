// Where an import runs. A 1 MB document takes a few hundred milliseconds and a Word or PDF file more; on the
// local server that would stop every other request (a clerk's sync, /health) for as long, so it runs in a
// worker thread. On Lambda each instance serves one request at a time, so the import runs in the request:
// nobody else waits on that instance, and a worker would only add its start-up time.
import { Worker } from "node:worker_threads";
import { PlanImportError } from "../../core/plan/import";
import { PlanFileError } from "./errors";
import { runImport, type ImportJob, type ImportResult } from "./run-import";

export interface PlanImporter {
  run(job: ImportJob): Promise<ImportResult>;
  close(): Promise<void>;
}

/** In the request: Lambda, tests. */
export const inlineImporter: PlanImporter = { run: runImport, close: async () => undefined };

/** The longest an import may take before the worker is stopped and the admin told. */
const JOB_TIMEOUT_MS = 30_000;

interface Pending {
  resolve(result: ImportResult): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

function rebuild(error: { name: string; code?: string; message: string }): Error {
  if (error.name === "PlanImportError") return new PlanImportError(error.code as PlanImportError["code"], error.message);
  if (error.name === "PlanFileError") return new PlanFileError(error.message);
  return new Error(error.message);
}

/** One worker thread, started on the first import and kept; jobs queue in it one after another. */
export function workerImporter(): PlanImporter {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, Pending>();
  const failAll = (error: Error) => {
    for (const [, job] of pending) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    pending.clear();
  };
  const start = () => {
    // From the TypeScript source (tsx) the worker registers tsx first; a build would ship import-worker.js.
    const url = new URL(import.meta.url.endsWith(".ts") ? "./import-worker-source.mjs" : "./import-worker.js", import.meta.url);
    const w = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    w.on("message", ({ id, result, error }: { id: number; result?: ImportResult; error?: { name: string; code?: string; message: string } }) => {
      const job = pending.get(id);
      if (!job) return;
      pending.delete(id);
      clearTimeout(job.timer);
      if (error) job.reject(rebuild(error));
      else job.resolve(result!);
    });
    w.on("error", (error) => failAll(error));
    w.on("exit", () => {
      if (worker === w) worker = undefined;
      failAll(new PlanFileError("读取方案文件时出错，未能完成导入，请重试；如仍失败，请另存为 Word 文件（.docx）再导入。"));
    });
    w.unref();
    return w;
  };
  return {
    run(job) {
      worker ??= start();
      const id = ++next;
      const w = worker;
      return new Promise<ImportResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new PlanFileError(`方案文件 ${JOB_TIMEOUT_MS / 1000} 秒内未能读完，可能过大或过于复杂：请只保留方案正文和任务表后再导入。`));
          // A stuck job would hold every later one: the worker goes, the next import starts a new one.
          void w.terminate();
        }, JOB_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        const own = job.bytes && job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength;
        w.postMessage({ id, job }, own ? [job.bytes!.buffer as ArrayBuffer] : []);
      });
    },
    async close() {
      await worker?.terminate();
      worker = undefined;
    },
  };
}
