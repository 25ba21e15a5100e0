// Authenticated GET /plans and GET /plans/{id} through the whole app (token check, headers, storage on DynamoDB
// Local, the Node server `npm start` runs), against a bare Hono app on @hono/node-server that returns the same
// JSON from memory. Both servers run in this process; the load (50 keep-alive connections) comes from
// load-child.ts in a process of its own, against one server at a time, in 1-second windows that alternate bare /
// app. This machine is shared, so the load on it drifts from second to second: the ratio is the median of each
// pair of neighbouring windows' ratios. Also printed: this process's CPU time per request in each (what a request
// costs, whatever else the machine is doing).
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { signLocalToken } from "../../api/auth/local-tokens";
import { publishSeedPlans } from "../../api/local/api-server";
import { freePort } from "../../api/local/dynamo-local";
import { serveApp } from "../../api/local/node-server";
import { startBenchApi } from "./bench-api";
import { load } from "./load";
import { quantile, report } from "./measure";

const CONNECTIONS = 50;
const WINDOWS = 8;

const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);

async function window(url: string, token: string): Promise<{ rps: number; cpuUs: number; failures: number }> {
  const before = process.cpuUsage();
  const result = await load(url, { seconds: 1, connections: CONNECTIONS, token });
  const cpu = process.cpuUsage(before);
  return { rps: result.rps, cpuUs: (cpu.user + cpu.system) / Math.max(1, result.requests), failures: result.failures };
}

let failed = false;
const { key, app, stop } = await startBenchApi((repository) => publishSeedPlans(repository, new Date().toISOString()));
try {
  const token = await signLocalToken(key, { sub: "bench-clerk", role: "clerk", unit: "区党政办" });

  const list = await (await app.request("/plans", { headers: { authorization: `Bearer ${token}` } })).json();
  const planId = list.plans[0].id as string;
  const plan = await (await app.request(`/plans/${planId}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const bare = new Hono();
  bare.get("/plans", (c) => c.json(list));
  bare.get("/plans/:planId", (c) => c.json(plan));
  const barePort = await freePort();
  const bareServer: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: bare.fetch, port: barePort, hostname: "127.0.0.1" }, () => ready(s));
  });
  const appServer = await serveApp(app.fetch, { port: 0 });
  const appBase = appServer.url.replace("localhost", "127.0.0.1");

  for (const path of ["/plans", `/plans/${planId}`]) {
    const label = path === "/plans" ? "GET /plans" : "GET /plans/{id}";
    await window(`http://127.0.0.1:${barePort}${path}`, token); // warm-up, both
    await window(`${appBase}${path}`, token);
    const bareRuns: Awaited<ReturnType<typeof window>>[] = [];
    const appRuns: Awaited<ReturnType<typeof window>>[] = [];
    for (let i = 0; i < WINDOWS; i++) {
      // Alternate which goes first, so neither always meets the machine's next swing.
      const pair = i % 2
        ? [await window(`http://127.0.0.1:${barePort}${path}`, token), await window(`${appBase}${path}`, token)]
        : [await window(`${appBase}${path}`, token), await window(`http://127.0.0.1:${barePort}${path}`, token)].reverse();
      bareRuns.push(pair[0]!);
      appRuns.push(pair[1]!);
    }
    const ratio = median(appRuns.map((a, i) => a.rps / bareRuns[i]!.rps));
    const failures = [...bareRuns, ...appRuns].reduce((n, r) => n + r.failures, 0);
    report(`${label}, bare Hono from memory (median of ${WINDOWS} s)`, `${median(bareRuns.map((r) => r.rps)).toFixed(0)} req/s`);
    report(`${label}, the app with token and storage`, `${median(appRuns.map((r) => r.rps)).toFixed(0)} req/s`);
    report(`  CPU per request, bare / app`, `${median(bareRuns.map((r) => r.cpuUs)).toFixed(0)} / ${median(appRuns.map((r) => r.cpuUs)).toFixed(0)} µs`);
    report(`${label}: app / bare (median of paired windows)`, `${(100 * ratio).toFixed(0)}%`, "≥ 50%");
    if (failures) report(`  failed requests (non-200 or errors)`, String(failures), "0");
    failed ||= failures > 0;
  }
  await appServer.close();
  await new Promise((done) => bareServer.close(done));
} finally {
  await stop();
}
process.exitCode = failed ? 1 : 0;
