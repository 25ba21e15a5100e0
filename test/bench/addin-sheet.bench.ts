// The add-in's sheet operations at 1,000 rows against the in-memory Excel double: the round trips (syncs) each
// takes, the size of its biggest write (Excel on the web refuses requests over 5 MB), and the time spent on
// this side of Office.js. Syncs are what cost in real Excel (each is a round trip, ~50–300 ms on the web).
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { Finding } from "../../core/ledger/schema";
import {
  applyServerRows, clearMarks, createLedgerSheet, gridCells, markFindings, marksFor, placesOfReading, readLedger,
} from "../../addin/excel/index";
import { readBoundSheet } from "../../core/sheet/read-sheet";
import type { LedgerRow } from "../../core/ledger/schema";
import { checkSheet } from "../../addin/ui/check-sheet";
import { excelWorkbook } from "../../addin/ui/excel-workbook";
import { columnRuns, runMatrix } from "../../addin/excel/ledger-cells";
import { STANDARD_LAYOUT } from "../../addin/excel/binding";
import { RequestContext, runBatch, type RunRecord } from "../e2e/workbook-double/excel";
import { WorkbookModel } from "../e2e/workbook-double/model";
import { planWith } from "../unit/addin-fixtures";
import { mb, ms, report, time } from "./measure";

const ROWS = 1000;
let model = new WorkbookModel();
let runs: RunRecord[] = [];
type Batch<T> = (context: RequestContext) => Promise<T>;
(globalThis as Record<string, unknown>).Excel = {
  run: <T>(first: Batch<T> | { delayForCellEdit?: boolean }, second?: Batch<T>) =>
    typeof first === "function" ? runBatch(model, runs, {}, first) : runBatch(model, runs, first, second!),
};
// As Excel on the web: notes (ExcelApi 1.18) carry 检查's messages.
(globalThis as Record<string, unknown>).Office = {
  context: { requirements: { isSetSupported: (name: string, version = "1.1") => name === "ExcelApi" && Number(version.split(".")[1]) <= model.excelApi } },
};

const plan = planWith(ROWS);
const rows = ledgerFor(plan, "区财政局").map((row, i) => ({ ...row, measures: `第${i + 1}项的工作措施：按季度公开，专人负责，逐项销号。`, progress: "已完成第一阶段工作，正在推进中。" }));
const findings: Finding[] = rows.map((_, i) => ({ row: i, column: "progress", severity: "error", code: "bench", message: "进展情况需补充佐证" }));

const syncsOf = async (fn: () => Promise<unknown>) => {
  const from = runs.length;
  await fn();
  return runs.slice(from).reduce((n, r) => n + r.syncs, 0);
};
const fresh = () => {
  model = new WorkbookModel();
  if (!model.sheet("Sheet1")) model.addSheet("Sheet1");
  runs = [];
};

let failed = 0;
const bar = (label: string, syncs: number, max: number, timing: number) => {
  report(`${label} (${ROWS} rows): ${syncs} syncs`, ms(timing), `≤ ${max} syncs, any row count`);
  if (syncs > max) failed++;
};

fresh();
bar("新建台账 createLedgerSheet", await syncsOf(() => createLedgerSheet(plan, "区财政局", rows)), 2,
  (await time(async () => { fresh(); await createLedgerSheet(plan, "区财政局", rows); }, 10, 2)).median);
const ledger = await readLedger();
bar("读取 readLedger", await syncsOf(() => readLedger()), 2, (await time(() => readLedger(), 10, 2)).median);
const marks = marksFor(findings, placesOfReading(readBoundSheet(gridCells(ledger.grid), plan, "区财政局", ledger.binding)));
bar("检查标记 markFindings", await syncsOf(() => markFindings(marks)), 3, (await time(() => markFindings(marks), 10, 2)).median);
bar("清除标记 clearMarks", await syncsOf(() => clearMarks()), 3,
  (await time(async () => { await markFindings(marks); await clearMarks(); }, 10, 2)).median - (await time(() => markFindings(marks), 10, 2)).median);
bar("同步写回 applyServerRows", await syncsOf(() => applyServerRows(rows, { version: 2 }, plan)), 3,
  (await time(() => applyServerRows(rows, { version: 2 }, plan), 10, 2)).median);

// A unit's own 1,000-row sheet: 使用当前表 (every sheet's top, then the chosen one whole), 确认使用, and 报送 writing
// back a tenth of the rows changed, cell by cell in place.
fresh();
const own = model.addSheet("我们的台账");
const ownHeader = ["编号", "工作内容", "完成时限", "承办科室", "责任领导", "落实措施", "推进情况", "是否完成", "办结时间"];
ownHeader.forEach((text, c) => model.writeCell(own, 0, c, { value: text, numberFormat: "@" }));
rows.forEach((row, r) => [row.no, row.task, row.deadline, "综合科", "张三", row.measures, row.progress, "否", ""].forEach((value, c) =>
  model.writeCell(own, r + 1, c, { value, numberFormat: "@" })));
model.activeSheet = own.name;
let preview!: Awaited<ReturnType<typeof excelWorkbook.previewAdoption>>;
bar("使用当前表 previewAdoption", await syncsOf(async () => (preview = await excelWorkbook.previewAdoption(plan, "区财政局"))), 3,
  (await time(() => excelWorkbook.previewAdoption(plan, "区财政局"), 10, 2)).median);
bar("确认使用 adopt", await syncsOf(() => excelWorkbook.adopt(plan, "区财政局", preview, { choices: {}, add: [] })), 1,
  (await time(() => excelWorkbook.adopt(plan, "区财政局", preview, { choices: {}, add: [] }), 10, 2)).median);
const sent = checkSheet(plan, "区财政局", await excelWorkbook.readRows(plan, "区财政局")).rows.filter((r): r is LedgerRow => r !== undefined);
const server = sent.map((row, i) => (i % 10 ? row : { ...row, progress: `${row.progress}（已更新）` }));
bar("报送写回（单位自己的表）applyServerRows", await syncsOf(() => applyServerRows(server, { version: 2 }, plan)), 3,
  (await time(() => applyServerRows(server, { version: 2 }, plan), 10, 2)).median);

const [run] = columnRuns(STANDARD_LAYOUT);
const payload = new TextEncoder().encode(JSON.stringify(runMatrix(rows, run!))).length;
report(`largest write, ${ROWS} rows as one Range.values`, mb(payload), "< 4 MB, one request");
if (payload >= 4 * 1024 * 1024) failed++;
process.exitCode = failed ? 1 : 0;
