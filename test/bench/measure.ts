// Small timing helpers shared by the benchmarks: medians of many runs, printed as aligned lines.
import { performance } from "node:perf_hooks";

export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Runs fn `warmup` times unmeasured, then `runs` times, and returns the median and p95 in ms. */
export async function time(fn: () => unknown, runs = 50, warmup = 5): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95), runs };
}

/** Prints "label  value  (bar: …)" so the bench output reads as a table. */
export function report(label: string, value: string, bar?: string): void {
  console.log(`${label.padEnd(58)} ${value.padStart(14)}${bar ? `   (bar: ${bar})` : ""}`);
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
