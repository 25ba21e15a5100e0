// Deadline reading is one step of a seed's import, whose whole budget is 20 ms. This reads every line of each
// seed both as a 时限要求 cell and as requirement prose: more than the import does, so an upper bound.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findDeadlinesInText, parseDeadline } from "../../core/plan/deadline";
import { ms, report, time } from "./measure";

const seeds = join(dirname(fileURLToPath(import.meta.url)), "../../seeds");
const BAR_MS = 2;
let over = 0;

for (const file of readdirSync(seeds).filter((name) => name.endsWith(".txt")).sort()) {
  const lines = readFileSync(join(seeds, file), "utf8").split("\n").filter((line) => line.trim());
  const read = () => {
    for (const line of lines) {
      parseDeadline(line, { year: 2022 });
      findDeadlinesInText(line, { year: 2022 });
    }
  };
  const { median } = await time(read, 200, 20);
  report(`deadlines of ${file} (${lines.length} lines, median of 200)`, ms(median), `< ${BAR_MS} ms of the 20 ms import`);
  if (median >= BAR_MS) over++;
}
process.exitCode = over ? 1 : 0;
