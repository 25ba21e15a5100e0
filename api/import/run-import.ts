// One import: the file decoded (or the text taken as it is), then read into a plan. Runs in the request on
// Lambda and in a worker thread on the local server (importer.ts); either way the same function.
import { importPlan, type ImportReport } from "../../core/plan/import";
import type { Plan } from "../../core/plan/schema";
import { decodePlanFile } from "./decode";

export interface ImportJob {
  /** Pasted text, or */
  text?: string;
  /** a file's bytes and name. */
  bytes?: Uint8Array;
  name?: string;
  year?: number;
  id?: string;
}

export interface ImportResult {
  plan: Plan;
  report: ImportReport;
}

export async function runImport(job: ImportJob): Promise<ImportResult> {
  const source = job.text !== undefined ? job.text : await decodePlanFile(job.bytes ?? new Uint8Array(), job.name ?? "");
  return importPlan(source, { year: job.year, id: job.id });
}
