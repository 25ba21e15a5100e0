// Run by api.bench.ts in a process of its own, so its peak memory is the export's alone:
// reads a plan's ledgers from DynamoDB Local and streams the consolidated .xlsx to a file.
import { createWriteStream, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { documentClient } from "../../api/storage/dynamodb-client";
import { DynamoRepository } from "../../api/storage/dynamodb-repository";
import { writeConsolidatedWorkbook } from "../../api/xlsx/consolidated-workbook";
import { consolidate } from "../../core/merge/consolidate";

const [endpoint, table, planId, out] = process.argv.slice(2) as [string, string, string, string];
const start = performance.now();
const repository = new DynamoRepository(documentClient({ endpoint }), table);
const plan = (await repository.getPlan(planId))!;
const data = consolidate(plan, await repository.listLedgers(planId));
const stream = createWriteStream(out);
await writeConsolidatedWorkbook(plan, data, stream);
await new Promise((done) => stream.close(done));
console.log(JSON.stringify({ ms: performance.now() - start, bytes: statSync(out).size, maxRssKb: process.resourceUsage().maxRSS }));
