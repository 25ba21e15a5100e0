// The database as an operator meets it: reachable from this machine only, paused, killed, restarted on its
// files; and the API process killed outright. This file starts DynamoDB Local instances of its own (one on disk,
// in a temporary folder) and a local stack in a child process, and stops all of them.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { clerkCells } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { loadOrCreateKey, signLocalToken } from "../../api/auth/local-tokens";
import { startLocalApi, type LocalApi } from "../../api/local/api-server";
import { startDynamoLocal, type DynamoLocal } from "../../api/local/dynamo-local";

const PLAN = "zhuhai-gxq-2022";

/** Whether a process is gone (or a zombie nobody has reaped yet, which runs nothing). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, "utf8") : "";
  return /^State:\s+Z/m.test(status);
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Connects to host:port; "connected", or why not ("ECONNREFUSED", "timeout" …). */
function knock(host: string, port: number): Promise<string> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: 1500 });
    socket.once("connect", () => (socket.destroy(), done("connected")));
    socket.once("timeout", () => (socket.destroy(), done("timeout")));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

/** The addresses in the kernel's table of listening TCP sockets on a port ("127.0.0.1", "0.0.0.0", "::" …). */
function listeners(port: number): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const found: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A" || !local.endsWith(`:${hex}`)) continue;
      const address = local.split(":")[0]!;
      if (address.length === 8) found.push(Buffer.from(address, "hex").reverse().join("."));
      else if (/^0{16}FFFF0000/.test(address)) found.push(`::ffff:${Buffer.from(address.slice(24), "hex").reverse().join(".")}`);
      else found.push(address === "0".repeat(32) ? "::" : address);
    }
  }
  return found;
}

describe("DynamoDB Local", () => {
  let dynamo: DynamoLocal;
  beforeAll(async () => {
    dynamo = await startDynamoLocal();
  });
  afterAll(() => dynamo?.stop());

  it("listens on 127.0.0.1 alone, and this machine's other addresses get no answer on its port", async () => {
    expect(listeners(dynamo.port)).toEqual([expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/)]);
    const outside = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && !(i.family === "IPv6" && i.address.startsWith("fe80")))
      .map((i) => i!.address);
    if (outside.length === 0)
      throw new Error(
        "This machine has no address other than loopback, so nothing here can show that DynamoDB Local is unreachable from the network " +
          "(the socket table above says it listens on 127.0.0.1 only). Run this suite where the machine has a network address, as CI does.",
      );
    // A server on every interface answers on those addresses from here, so "no answer" below means something.
    const control = createServer((socket) => socket.destroy());
    await new Promise<void>((ready) => control.listen(0, "::", ready));
    const controlPort = (control.address() as { port: number }).port;
    try {
      for (const address of outside) {
        expect(await knock(address, controlPort), `control server on ${address}`).toBe("connected");
        expect(await knock(address, dynamo.port), `DynamoDB Local on ${address}:${dynamo.port}`).not.toBe("connected");
      }
    } finally {
      control.close();
    }
    expect(await knock("127.0.0.1", dynamo.port)).toBe("connected");
  });
});

describe("a database that hangs or dies", () => {
  // The local stack as `npm start` builds it (its repository, limits and Node server), on a DynamoDB Local of
  // this test's own, on disk; the API stays up while the database is paused, killed and restarted under it.
  const folder = mkdtempSync(join(tmpdir(), "taizhang-faults-"));
  let dynamo: DynamoLocal;
  let api: LocalApi;
  const units = ["区综治局", "唐家湾镇", "区发改财政局", "区党政办", "区社会事业局", "区税务局"];
  const tokens: Record<string, string> = {};

  const ledgerUrl = (unit: string) => `${api.url}/plans/${PLAN}/units/${encodeURIComponent(unit)}/ledger`;
  const answer = async (response: Promise<Response>) => {
    const r = await response;
    return { status: r.status, body: await r.json() };
  };
  let plan: Plan;
  const sync = async (unit: string, baseVersion: number, mark: string) => {
    const rows = ledgerFor(plan, unit).map((r) => clerkCells({ ...r, office: "综合科", leader: "张三", progress: mark }));
    return answer(
      fetch(ledgerUrl(unit), {
        method: "PUT",
        headers: { authorization: `Bearer ${tokens[unit]}`, "content-type": "application/json", "idempotency-key": `sync-${randomUUID()}` },
        body: JSON.stringify({ baseVersion, rows }),
      }),
    );
  };
  /** The reply, or "no answer" if the API does not answer within 15 s (the bound a hang would break). */
  const within = <T,>(work: Promise<T>) =>
    Promise.race([work, new Promise<"no answer">((done) => setTimeout(() => done("no answer"), 15_000).unref())]);

  beforeAll(async () => {
    dynamo = await startDynamoLocal({ path: join(folder, "dynamodb") });
    api = await startLocalApi({ port: 0, dynamoEndpoint: dynamo.endpoint, dataDir: folder, table: "faults" });
    const key = await loadOrCreateKey(folder);
    for (const unit of units) tokens[unit] = await signLocalToken(key, { sub: `clerk-${unit}`, role: "clerk", unit });
    plan = (await api.repository.getPlan(PLAN))!;
  }, 60_000);
  afterAll(async () => {
    if (dynamo && !gone(dynamo.pid)) process.kill(dynamo.pid, "SIGCONT");
    await api?.close();
    await dynamo?.stop();
  });

  it("paused (SIGSTOP): a sync, a read and /health each get a Chinese 503 within seconds; resumed, they work again", async () => {
    const unit = units[0]!;
    expect((await sync(unit, 0, "第1版")).status).toBe(200);
    process.kill(dynamo.pid, "SIGSTOP");
    try {
      const paused = await within(
        Promise.all([sync(unit, 1, "第2版"), answer(fetch(ledgerUrl(unit), { headers: { authorization: `Bearer ${tokens[unit]}` } })), answer(fetch(`${api.url}/health`))]),
      );
      expect(paused).not.toBe("no answer");
      for (const reply of paused as { status: number; body: any }[]) {
        expect(reply.status).toBe(503);
        expect(reply.body.error.message).toContain("数据库暂时无法访问");
      }
    } finally {
      process.kill(dynamo.pid, "SIGCONT");
    }
    // The sync that timed out may still land once the database resumes: whole, as one version, or not at all.
    await new Promise((r) => setTimeout(r, 1_500));
    const now = await api.repository.getLedger(PLAN, unit);
    expect([1, 2]).toContain(now!.version);
    expect(new Set(now!.rows.map((r) => r.progress))).toEqual(new Set([`第${now!.version}版`]));
    const next = await sync(unit, now!.version, `第${now!.version + 1}版`);
    expect(next.status).toBe(200);
    expect((await answer(fetch(`${api.url}/health`))).status).toBe(200);
  }, 60_000);

  it("killed (SIGKILL) amid syncs and restarted on its files: every acknowledged sync is there, whole, and nothing half-written", async () => {
    const acknowledged = new Map<string, number>();
    let stop = false;
    const writers = units.slice(1).map(async (unit) => {
      for (let version = 0; !stop; ) {
        const reply = await sync(unit, version, `第${version + 1}版`);
        if (reply.status !== 200) break;
        version = reply.body.version;
        acknowledged.set(unit, version);
      }
    });
    await waitUntil(() => [...acknowledged.values()].reduce((a, b) => a + b, 0) >= 10, 20_000);
    process.kill(dynamo.pid, "SIGKILL");
    stop = true;
    expect(await within(Promise.all(writers))).not.toBe("no answer");
    expect(await waitUntil(() => gone(dynamo.pid), 5_000)).toBe(true);

    dynamo = await startDynamoLocal({ path: join(folder, "dynamodb"), port: dynamo.port });
    // As an operator would: the database is back once /health says so (a new JVM's first answers are slow).
    expect(await waitFor(async () => (await fetch(`${api.url}/health`)).status === 200, 30_000)).toBe(true);
    for (const unit of units.slice(1)) {
      const ack = acknowledged.get(unit) ?? 0;
      const ledger = await api.repository.getLedger(PLAN, unit);
      const history = await api.repository.history(PLAN, unit);
      expect(ledger?.version ?? 0, `${unit}: acknowledged version ${ack}`).toBeGreaterThanOrEqual(ack);
      // Versions 1…n, each complete: the current rows are the last version's, every version has all its rows.
      expect(history.map((h) => h.version)).toEqual(Array.from({ length: ledger?.version ?? 0 }, (_, i) => i + 1));
      for (const entry of history) {
        const kept = await api.repository.ledgerAt(PLAN, unit, entry.version);
        expect(kept!.rows).toHaveLength(ledgerFor(plan, unit).length);
        expect(new Set(kept!.rows.map((r) => r.progress))).toEqual(new Set([`第${entry.version}版`]));
      }
      if (ledger) expect(ledger.rows).toEqual((await api.repository.ledgerAt(PLAN, unit, ledger.version))!.rows);
    }
    // And the API, up all along, serves again.
    expect((await sync(units[1]!, (await api.repository.getLedger(PLAN, units[1]!))?.version ?? 0, "重启后")).status).toBe(200);
  }, 90_000);
});

describe("the API process killed outright", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid && !gone(child.pid)) child.kill("SIGKILL");
  });

  it("takes its DynamoDB Local with it, whatever kills it (SIGKILL included)", async () => {
    child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures/local-stack.ts"), mkdtempSync(join(tmpdir(), "taizhang-stack-"))], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const started = await new Promise<{ api: string; javaPid: number }>((resolve, reject) => {
      let out = "";
      child!.stdout!.on("data", (chunk) => {
        out += chunk;
        const line = out.split("\n").find((l) => l.startsWith("{"));
        if (line) resolve(JSON.parse(line));
      });
      child!.once("exit", (code) => reject(new Error(`local stack exited with ${code}`)));
    });
    expect((await fetch(`${started.api}/health`)).status).toBe(200);
    expect(gone(started.javaPid)).toBe(false);
    child.kill("SIGKILL");
    expect(await waitUntil(() => gone(started.javaPid), 15_000), `java ${started.javaPid} still running after its parent was killed`).toBe(true);
  }, 90_000);
});
