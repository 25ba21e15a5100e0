// Polls GET /health from a process of its own, so that a server busy importing in the benchmark's process
// cannot also stall the client's timers: started by plan-import.bench.ts, stopped by closing its stdin, it
// prints the latencies (ms) as one JSON array.
import { performance } from "node:perf_hooks";

const url = process.argv[2]!;
let running = true;
process.stdin.on("end", () => (running = false));
process.stdin.resume();
const latencies: number[] = [];
while (running) {
  const t0 = performance.now();
  await (await fetch(url)).arrayBuffer();
  latencies.push(performance.now() - t0);
  await new Promise((r) => setTimeout(r, 5));
}
process.stdout.write(JSON.stringify(latencies));
