// Import time of each seed document, median of many runs (bar: under 20 ms each).
import { readFileSync } from "node:fs";
import { importPlan } from "../../core/plan/import";
import { ms, report, time } from "./measure";

const index: { file: string; id: string; year?: number }[] = JSON.parse(readFileSync("seeds/plans/index.json", "utf8"));
for (const seed of index) {
  const text = readFileSync(`seeds/${seed.file}`, "utf8");
  const timing = await time(() => importPlan(text, { id: seed.id, year: seed.year }), 200, 20);
  report(`plan import ${seed.id} (${text.length} chars), median of ${timing.runs}`, ms(timing.median), "< 20 ms");
}
