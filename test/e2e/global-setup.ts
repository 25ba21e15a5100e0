// The e2e run's services, started once: the task pane built by Vite into a temp folder and served over plain
// http on localhost (a secure context, so storage and crypto work without a certificate), DynamoDB Local in
// memory, and the API with CORS for the pane's origin. Teardown stops both and leaves no java process.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { paneApp } from "../../api/local/addin-server";
import { startLocalApi, type LocalApi } from "../../api/local/api-server";
import { freePort, startDynamoLocal, type DynamoLocal } from "./local-services";

let dynamo: DynamoLocal | undefined;
let api: LocalApi | undefined;
let pane: ServerType | undefined;
let scratch: string | undefined;

/** A person of the run: a real account of the local stack, and how the pane names them once signed in. */
export interface E2ePerson {
  username: string;
  password: string;
  /** The pane's header once signed in, e.g. "张三 · 单位联络员 · 区党政办". */
  identity: string;
}

export interface E2eServices {
  paneUrl: string;
  apiUrl: string;
  /** Where a scenario may run its stand-in group robot: the API accepts webhooks on this origin. */
  robotOrigin: string;
  /**
   * clerk and sameUnitClerk are two people of 区党政办; otherUnitClerk is 区综治局's; sheetClerk keeps 建设局's
   * own 台账 for the 淄博 plan (seed 003); dayClerk keeps 区发改财政局's for the 2017 plan (seed 004) through a day of
   * failures (clerk-day.test.ts).
   */
  people: { clerk: E2ePerson; sameUnitClerk: E2ePerson; otherUnitClerk: E2ePerson; sheetClerk: E2ePerson; dayClerk: E2ePerson; office: E2ePerson; admin: E2ePerson };
  /** The API's data folder (its token key), for a scenario that hands the pane an expired token. */
  dataDir: string;
}

/** The pane's files and its config.json, as `npm start` serves them, over plain http on localhost. */
function servePane(root: string, port: number, apiUrl: string): Promise<ServerType> {
  const app = paneApp(root, { apiUrl, signIn: { mode: "local" } });
  return new Promise((ready) => {
    const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => ready(server));
  });
}

export async function setup(project: TestProject): Promise<void> {
  scratch = await mkdtemp(join(tmpdir(), "taizhang-e2e-"));
  const outDir = join(scratch, "addin");
  await build({ configFile: join(process.cwd(), "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const panePort = await freePort();
  const paneOrigin = `http://localhost:${panePort}`;

  dynamo = await startDynamoLocal();
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const dataDir = join(scratch, "data");
  const robotOrigin = `http://127.0.0.1:${await freePort()}`;
  api = await startLocalApi({ port: apiPort, dynamoEndpoint: dynamo.endpoint, dataDir, allowedOrigins: [paneOrigin], notify: { extraWebhookOrigins: [robotOrigin] }, digest: false });
  pane = await servePane(outDir, panePort, apiUrl);

  // Real accounts with passwords they chose (no first-sign-in step), as the admin or `user add --password` makes them.
  const accounts = [
    { key: "clerk", username: "zhang.dzb", name: "张三", role: "clerk", unit: "区党政办" },
    { key: "sameUnitClerk", username: "li.dzb", name: "李四", role: "clerk", unit: "区党政办" },
    { key: "otherUnitClerk", username: "huang.zzj", name: "黄七", role: "clerk", unit: "区综治局" },
    { key: "sheetClerk", username: "zhou.jsj", name: "周八", role: "clerk", unit: "建设局" },
    { key: "dayClerk", username: "wu.fgcz", name: "吴九", role: "clerk", unit: "区发改财政局" },
    { key: "office", username: "wang.office", name: "王五", role: "office" },
    { key: "admin", username: "zhao.admin", name: "赵六", role: "admin" },
  ] as const;
  const password = (username: string) => `E2e-${username}-2026`;
  await api.people.create(
    accounts.map(({ key: _key, ...a }) => ({ ...a, password: password(a.username), generated: false })),
    new Date().toISOString(),
  );
  const labels = { clerk: "单位联络员", office: "督办汇总", admin: "管理员" } as const;
  const people = Object.fromEntries(
    accounts.map((a) => [
      a.key,
      { username: a.username, password: password(a.username), identity: [a.name, labels[a.role], "unit" in a ? a.unit : undefined].filter(Boolean).join(" · ") },
    ]),
  ) as E2eServices["people"];
  const services: E2eServices = { paneUrl: `${paneOrigin}/taskpane.html`, apiUrl, people, dataDir, robotOrigin };
  project.provide("e2e", services);
}

export async function teardown(): Promise<void> {
  await api?.close();
  await dynamo?.stop();
  await new Promise<void>((done) => (pane ? pane.close(() => done()) : done()));
  if (scratch) await rm(scratch, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eServices;
  }
}
