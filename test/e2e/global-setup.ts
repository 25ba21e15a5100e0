// The e2e run's services, started once: the task pane built by Vite into a temp folder and served over plain
// http on localhost (a secure context, so storage and crypto work without a certificate), DynamoDB Local in
// memory, and the API with CORS for the pane's origin. Teardown stops both and leaves no java process.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { loadOrCreateKey, signLocalToken } from "../../api/auth/local-tokens";
import { startLocalApi, type LocalApi } from "../../api/local/api-server";
import { freePort, startDynamoLocal, type DynamoLocal } from "./local-services";

let dynamo: DynamoLocal | undefined;
let api: LocalApi | undefined;
let pane: ServerType | undefined;
let scratch: string | undefined;

/** A person of the run: how they sign in, and how the pane names them once they have. */
export interface E2ePerson {
  token: string;
  /** The pane's header once signed in, e.g. "单位联络员 · 区党政办". */
  identity: string;
}

export interface E2eServices {
  paneUrl: string;
  apiUrl: string;
  /** Where a scenario may run its stand-in group robot: the API accepts webhooks on this origin. */
  robotOrigin: string;
  /** clerk and sameUnitClerk are two people of 区党政办; otherUnitClerk is 区综治局's. */
  people: { clerk: E2ePerson; sameUnitClerk: E2ePerson; otherUnitClerk: E2ePerson; office: E2ePerson; admin: E2ePerson };
}

function servePane(root: string, port: number): Promise<ServerType> {
  const app = new Hono();
  app.use("/*", serveStatic({ root: relative(process.cwd(), root) }));
  return new Promise((ready) => {
    const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => ready(server));
  });
}

export async function setup(project: TestProject): Promise<void> {
  scratch = await mkdtemp(join(tmpdir(), "taizhang-e2e-"));
  const outDir = join(scratch, "addin");
  await build({ configFile: join(process.cwd(), "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const panePort = await freePort();
  pane = await servePane(outDir, panePort);
  const paneOrigin = `http://localhost:${panePort}`;

  dynamo = await startDynamoLocal();
  const apiPort = await freePort();
  const dataDir = join(scratch, "data");
  const robotOrigin = `http://127.0.0.1:${await freePort()}`;
  api = await startLocalApi({ port: apiPort, dynamoEndpoint: dynamo.endpoint, dataDir, allowedOrigins: [paneOrigin], notify: { extraWebhookOrigins: [robotOrigin] }, digest: false });
  const key = await loadOrCreateKey(dataDir);
  const services: E2eServices = {
    paneUrl: `${paneOrigin}/taskpane.html`,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    robotOrigin,
    people: {
      clerk: { token: await signLocalToken(key, { role: "clerk", unit: "区党政办", sub: "clerk:区党政办:张" }), identity: "单位联络员 · 区党政办" },
      sameUnitClerk: { token: await signLocalToken(key, { role: "clerk", unit: "区党政办", sub: "clerk:区党政办:李" }), identity: "单位联络员 · 区党政办" },
      otherUnitClerk: { token: await signLocalToken(key, { role: "clerk", unit: "区综治局", sub: "clerk:区综治局:黄" }), identity: "单位联络员 · 区综治局" },
      office: { token: await signLocalToken(key, { role: "office", sub: "office:王" }), identity: "督办汇总" },
      admin: { token: await signLocalToken(key, { role: "admin", sub: "admin:赵" }), identity: "管理员" },
    },
  };
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
