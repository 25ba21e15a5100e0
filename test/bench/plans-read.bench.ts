// Authenticated GET /plans and GET /plans/{id} through the whole app (token check, storage on DynamoDB Local,
// @hono/node-server), against a bare Hono app on @hono/node-server that returns the same JSON from memory.
// Both servers run in this process, one at a time; the load (50 keep-alive connections) comes from
// load-child.ts in a process of its own. Rounds alternate bare / app so both see the same machine.
import { randomUUID } from "node:crypto";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../../api/app";
import { localVerifier, signLocalToken } from "../../api/auth/local-tokens";
import { publishSeedPlans } from "../../api/local/api-server";
import { freePort, startDynamoLocal } from "../../api/local/dynamo-local";
import { documentClient } from "../../api/storage/dynamodb-client";
import { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { ensureTable } from "../../api/storage/table";
import { load, type LoadResult } from "./load";
import { report } from "./measure";

const CONNECTIONS = 50;
const SECONDS = 3;
const ROUNDS = 2;

async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch, port, hostname: "127.0.0.1" }, () => ready(s));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) };
}

const dynamo = await startDynamoLocal();
try {
  const db = documentClient({ endpoint: dynamo.endpoint });
  const table = `bench-${randomUUID()}`;
  await ensureTable(db, table);
  const repository = new DynamoRepository(db, table);
  await publishSeedPlans(repository, new Date().toISOString());
  const key = new TextEncoder().encode("bench-key-bench-key-bench-key-32");
  const app = createApp({ repository, verifier: localVerifier(key) });
  const token = await signLocalToken(key, { sub: "bench-clerk", role: "clerk", unit: "区党政办" });

  const list = await (await app.request("/plans", { headers: { authorization: `Bearer ${token}` } })).json();
  const planId = list.plans[0].id as string;
  const plan = await (await app.request(`/plans/${planId}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const bare = new Hono();
  bare.get("/plans", (c) => c.json(list));
  bare.get("/plans/:planId", (c) => c.json(plan));

  for (const path of ["/plans", `/plans/${planId}`]) {
    const totals = { bare: [] as LoadResult[], app: [] as LoadResult[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, fetch] of [["bare", bare.fetch], ["app", app.fetch]] as const) {
        const server = await listen(fetch);
        try {
          await load(`${server.url}${path}`, { seconds: 1, connections: CONNECTIONS, token }); // warm-up
          totals[name].push(await load(`${server.url}${path}`, { seconds: SECONDS, connections: CONNECTIONS, token }));
        } finally {
          await server.close();
        }
      }
    }
    const rps = (results: LoadResult[]) => results.reduce((n, r) => n + r.requests, 0) / (results.length * SECONDS);
    const failures = [...totals.bare, ...totals.app].reduce((n, r) => n + r.failures, 0);
    const label = path === "/plans" ? "GET /plans" : "GET /plans/{id}";
    report(`${label}, bare Hono from memory, ${CONNECTIONS} connections`, `${rps(totals.bare).toFixed(0)} req/s`);
    report(`${label}, the app (token, storage), ${CONNECTIONS} connections`, `${rps(totals.app).toFixed(0)} req/s`);
    report(`  its p50 / p95 latency`, `${totals.app[0]!.p50.toFixed(1)} / ${totals.app[0]!.p95.toFixed(1)} ms`);
    report(`${label}: app / bare (ratio)`, `${((100 * rps(totals.app)) / rps(totals.bare)).toFixed(0)}%`, "≥ 50%");
    if (failures) report(`  failed requests (non-200 or errors)`, String(failures), "0");
  }
} finally {
  await dynamo.stop();
}
