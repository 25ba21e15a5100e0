// The API on this machine: the same app as on Lambda, on DynamoDB Local, with the seed plans published once.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Plan } from "../../core/plan/schema";
import { LocalPeople } from "../accounts/local-people";
import { DEFAULT_SIGN_IN_POLICY, LocalSignIn, type SignInPolicy } from "../accounts/local-sign-in";
import { temporaryPassword } from "../accounts/passwords";
import { createApp } from "../app";
import { workerImporter } from "../import/importer";
import { loadOrCreateKey, localVerifier } from "../auth/local-tokens";
import { localExportStore } from "../exports/local-export-store";
import { mailerFromEnv } from "../notify/mail";
import type { NotifyDeps } from "../notify/channels";
import { DIGEST_SCHEDULE_TEXT, scheduleDigest, type LocalSchedule } from "../oversight/schedule";
import { DynamoUserStore } from "../storage/dynamo-user-store";
import { documentClient } from "../storage/dynamodb-client";
import { DynamoOversightStore } from "../storage/dynamodb-oversight-store";
import { DynamoRepository } from "../storage/dynamodb-repository";
import type { OversightStore } from "../storage/oversight-store";
import type { Repository } from "../storage/repository";
import { UsernameTaken } from "../storage/user-store";
import { ensureTable } from "../storage/table";
import { serveApp } from "./node-server";

export const SEED_PLANS = resolve(dirname(fileURLToPath(import.meta.url)), "../../seeds/plans");

export interface LocalApiOptions {
  port: number;
  dynamoEndpoint: string;
  dataDir: string;
  table?: string;
  allowedOrigins?: string[];
  /** Token lifetimes and the lock; tests shorten them. */
  signInPolicy?: Partial<SignInPolicy>;
  /** Mail and webhook settings; by default mail from the environment (MAIL_TRANSPORT …), robots' own hosts only. */
  notify?: NotifyDeps;
  /** The daily digest's croner pattern; false: no schedule in this process. */
  digest?: string | false;
}

export interface LocalApi {
  url: string;
  repository: Repository;
  /** The local accounts (the admin's people) in the same table. */
  people: LocalPeople;
  oversight: OversightStore;
  /** The daily digest's schedule in this process, if any. */
  schedule?: LocalSchedule;
  /** Plan ids published by this start (empty when they were there already). */
  published: string[];
  /** On a first start with no accounts: the admin account made so someone can sign in, and its temporary password. */
  firstAdmin?: { username: string; password: string };
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

/** With no account at all nobody could sign in to create one: the first start makes `admin`, on a temporary password. */
async function ensureFirstAdmin(people: LocalPeople): Promise<{ username: string; password: string } | undefined> {
  if ((await people.list()).length) return undefined;
  const account = { username: "admin", name: "管理员", role: "admin" as const, password: temporaryPassword(), generated: true };
  try {
    await people.create([account], new Date().toISOString());
  } catch (error) {
    if (error instanceof UsernameTaken) return undefined; // another start made it first
    throw error;
  }
  return { username: account.username, password: account.password };
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const db = documentClient({ endpoint: options.dynamoEndpoint });
  const table = options.table ?? "taizhang";
  await ensureTable(db, table);
  // On disk, DynamoDB Local needs a read after each transaction to have it written when we answer.
  const repository = new DynamoRepository(db, table, { confirmWrites: true });
  const published = await publishSeedPlans(repository, new Date().toISOString());
  const key = await loadOrCreateKey(options.dataDir);
  const users = new DynamoUserStore(db, table);
  const people = new LocalPeople(users);
  const firstAdmin = await ensureFirstAdmin(people);
  const signIn = new LocalSignIn(users, key, { ...DEFAULT_SIGN_IN_POLICY, ...options.signInPolicy });
  const oversight = new DynamoOversightStore(db, table);
  const notify = options.notify ?? { mailer: mailerFromEnv(process.env) };
  const now = () => new Date().toISOString();
  // Imports run in a worker thread here: a large document never holds up the other requests.
  const importer = workerImporter();
  const exports = localExportStore({ dir: join(options.dataDir, "exports") });
  const app = createApp({
    repository,
    verifier: localVerifier(key),
    exports,
    signIn,
    people,
    allowedOrigins: options.allowedOrigins,
    importer,
    oversight: { store: oversight, notify, scheduleText: DIGEST_SCHEDULE_TEXT },
  });
  const schedule = options.digest === false ? undefined : scheduleDigest({ repository, store: oversight, notify, now }, { ...(options.digest ? { pattern: options.digest } : {}) });
  const server = await serveApp(app.fetch, { port: options.port });
  return {
    url: server.url,
    repository,
    people,
    oversight,
    ...(schedule ? { schedule } : {}),
    published,
    ...(firstAdmin ? { firstAdmin } : {}),
    close: async () => {
      schedule?.stop();
      await importer.close();
      await server.close();
    },
  };
}
