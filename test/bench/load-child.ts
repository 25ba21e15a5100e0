// A load generator in a process of its own, so it does not share the server's event loop: `connections`
// keep-alive connections, each sending its next GET as soon as the last answer is read, for `seconds`.
// Prints one JSON line: requests, failures (non-2xx or errors), requests per second, p50/p95 latency in ms.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

const [url, secondsText, connectionsText, token] = process.argv.slice(2) as [string, string, string, string | undefined];
const seconds = Number(secondsText);
const connections = Number(connectionsText);
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const headers = token ? { authorization: `Bearer ${token}` } : {};

function once(): Promise<boolean> {
  return new Promise((done) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => done(res.statusCode === 200));
      res.on("error", () => done(false));
    });
    req.on("error", () => done(false));
    req.end();
  });
}

const latencies: number[] = [];
let failures = 0;
const end = performance.now() + seconds * 1000;
const start = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      if (!(await once())) failures++;
      latencies.push(performance.now() - t0);
    }
  }),
);
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
agent.destroy();
console.log(JSON.stringify({ requests: latencies.length, failures, rps: latencies.length / elapsed, p50: at(0.5), p95: at(0.95) }));
