// The API on this machine: the same app as on Lambda, on DynamoDB Local, with the seed plans published once.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Plan } from "../../core/plan/schema";
import { createApp } from "../app";
import { loadOrCreateKey, localVerifier } from "../auth/local-tokens";
import { documentClient } from "../storage/dynamodb-client";
import { DynamoRepository } from "../storage/dynamodb-repository";
import type { Repository } from "../storage/repository";
import { ensureTable } from "../storage/table";
import { serveApp } from "./node-server";

export const SEED_PLANS = resolve(dirname(fileURLToPath(import.meta.url)), "../../seeds/plans");

export interface LocalApiOptions {
  port: number;
  dynamoEndpoint: string;
  dataDir: string;
  table?: string;
  allowedOrigins?: string[];
}

export interface LocalApi {
  url: string;
  repository: Repository;
  /** Plan ids published by this start (empty when they were there already). */
  published: string[];
  close(): Promise<void>;
}

/** Publishes every seeds/plans/<id>.json not in the table yet. */
export async function publishSeedPlans(repository: Repository, at: string): Promise<string[]> {
  const existing = new Set((await repository.listPlans()).map((p) => p.id));
  const published: string[] = [];
  for (const file of (await readdir(SEED_PLANS)).filter((f) => f.endsWith(".json") && f !== "index.json").sort()) {
    const plan = Plan.parse(JSON.parse(await readFile(join(SEED_PLANS, file), "utf8")));
    if (existing.has(plan.id)) continue;
    await repository.publishPlan(plan, "seed", at);
    published.push(plan.id);
  }
  return published;
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const db = documentClient({ endpoint: options.dynamoEndpoint });
  const table = options.table ?? "taizhang";
  await ensureTable(db, table);
  // On disk, DynamoDB Local needs a read after each transaction to have it written when we answer.
  const repository = new DynamoRepository(db, table, { confirmWrites: true });
  const published = await publishSeedPlans(repository, new Date().toISOString());
  const verifier = localVerifier(await loadOrCreateKey(options.dataDir));
  const app = createApp({ repository, verifier, allowedOrigins: options.allowedOrigins });
  const server = await serveApp(app.fetch, { port: options.port });
  return { url: server.url, repository, published, close: server.close };
}
