// An API app on its own fresh table in the run's DynamoDB Local, and tokens for each role.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { LocalPeople } from "../../api/accounts/local-people";
import { DEFAULT_SIGN_IN_POLICY, LocalSignIn, type SignInPolicy } from "../../api/accounts/local-sign-in";
import { createApp } from "../../api/app";
import { loadOrCreateKey, localVerifier, signLocalToken } from "../../api/auth/local-tokens";
import { localExportStore } from "../../api/exports/local-export-store";
import { publishSeedPlans } from "../../api/local/api-server";
import type { NotifyDeps } from "../../api/notify/channels";
import type { RetryPolicy } from "../../api/notify/deliver";
import { DynamoUserStore } from "../../api/storage/dynamo-user-store";
import { documentClient } from "../../api/storage/dynamodb-client";
import { DynamoOversightStore } from "../../api/storage/dynamodb-oversight-store";
import { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { ensureTable } from "../../api/storage/table";

/**
 * `clock` (epoch ms) and `policy` drive the local sign-in's lock, session and refresh times; `notify` and `retry`
 * the reminder channels.
 */
export async function testApi(options: { now?: () => string; clock?: () => number; policy?: Partial<SignInPolicy>; notify?: NotifyDeps; retry?: RetryPolicy } = {}) {
  const db = testClient();
  const table = `t-${randomUUID()}`;
  await ensureTable(db, table);
  const repository = new DynamoRepository(db, table);
  await publishSeedPlans(repository, "2022-05-01T00:00:00.000Z");
  const dataDir = mkdtempSync(join(tmpdir(), "taizhang-key-"));
  const key = await loadOrCreateKey(dataDir);
  const exports = localExportStore({ dir: join(dataDir, "exports"), now: options.now });
  const users = new DynamoUserStore(db, table);
  const people = new LocalPeople(users, options.clock);
  const signIn = new LocalSignIn(users, key, { ...DEFAULT_SIGN_IN_POLICY, ...options.policy }, options.clock);
  const oversight = new DynamoOversightStore(db, table);
  const notify = options.notify ?? {};
  const app = createApp({
    repository,
    verifier: localVerifier(key),
    exports,
    now: options.now,
    signIn,
    people,
    oversight: { store: oversight, notify, scheduleText: "每个工作日 8:30", ...(options.retry ? { policy: options.retry } : {}) },
  });
  // Each token is its own person unless a test names one (two clerks of a unit are two people).
  const token = (role: "clerk" | "office" | "admin", unit?: string, who: { sub?: string; name?: string } = {}) =>
    signLocalToken(key, { sub: `${role}-${unit ?? "all"}-${randomUUID().slice(0, 8)}`, role, ...(unit ? { unit } : {}), ...who });
  const call = async (method: string, path: string, who: string | undefined, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await app.request(path, {
      method,
      headers: { ...(who ? { authorization: `Bearer ${who}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: response.status, body: json, response };
  };
  return { app, repository, oversight, notify, exports, table, token, call, key, users, people };
}

/**
 * A client of the run's shared DynamoDB Local that waits longer than the product's 2 s per attempt: many test
 * files hit that one Java process at once on a busy CI machine, and these tests are not about a slow database
 * (faults.test.ts is, with the local stack's own limits).
 */
export const testClient = () => documentClient({ endpoint: inject("dynamoEndpoint"), limits: { requestMs: 15_000 } });

export const ledgerPath = (planId: string, unit: string) => `/plans/${planId}/units/${encodeURIComponent(unit)}/ledger`;
