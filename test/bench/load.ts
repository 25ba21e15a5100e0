// Runs load-child.ts against a URL and returns what it measured.
import { spawn } from "node:child_process";
import { join } from "node:path";

export interface LoadResult {
  requests: number;
  failures: number;
  rps: number;
  p50: number;
  p95: number;
}

export function load(url: string, options: { seconds: number; connections: number; token?: string }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const args = ["--import", "tsx", join(import.meta.dirname, "load-child.ts"), url, String(options.seconds), String(options.connections)];
    if (options.token) args.push(options.token);
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`load generator exited ${code}`))));
  });
}
