// The office's 汇总 page by page, over the workbook mock: what the API hands over in pages is written to 汇总台账
// one request per page, whatever the page holds, with the progress the pane shows; the other sheets come last.
import { beforeEach, describe, expect, it } from "vitest";
import { startConsolidated } from "../../addin/excel/consolidated";
import { pullConsolidated } from "../../addin/ui/office/pull-consolidated";
import type { ConsolidatedPage, StatusReply } from "../../core/api/contract";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { LedgerRow } from "../../core/ledger/schema";
import { LEDGER_STATUSES } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { PAGE_MAX_BYTES } from "../../api/reports/consolidated-page";
import { allUnitsPlan } from "../fixtures/all-units-plan";
import { MockWorkbook } from "./addin-workbook-mock";

const UNITS = ["区财政局", "区教育局", "区民政局", "区卫健委", "区司法局"];
const plan: Plan = allUnitsPlan("pull-2025", UNITS, 6, 2025);
const rowsOf = (unit: string): LedgerRow[] => ledgerFor(plan, unit).map((r, i) => ({ ...r, office: "综合科", status: LEDGER_STATUSES[i % 3]! }));

const status = (reported: string[]): StatusReply => ({
  planId: plan.id,
  today: "2025-05-01",
  units: UNITS.map((unit) => ({
    unit,
    reported: reported.includes(unit),
    state: reported.includes(unit) ? "已报送" : "未报送",
    version: reported.includes(unit) ? 1 : 0,
    counts: Object.fromEntries(LEDGER_STATUSES.map((s) => [s, 0])) as StatusReply["units"][number]["counts"],
    overdue: 0,
  })),
});

/** An API double serving these pages in order (each page's `next` names the following one), and what was asked. */
function apiServing(pages: ConsolidatedPage["ledgers"][], reported: string[]) {
  const asked: Array<string | undefined> = [];
  const api = {
    getPlan: async () => ({ ...plan, version: 1 }),
    getStatus: async () => status(reported),
    getConsolidatedPage: async (_planId: string, cursor?: string) => {
      asked.push(cursor);
      const index = cursor ? Number(cursor.slice(5)) : 0;
      return { planId: plan.id, planVersion: 1, ledgers: pages[index]!, ...(index + 1 < pages.length ? { next: `page-${index + 1}` } : {}) };
    },
  };
  return { api, asked };
}

describe("汇总 page by page", () => {
  let book: MockWorkbook;
  beforeEach(() => {
    book = new MockWorkbook();
    book.addSheet("Sheet1");
    book.install();
  });

  it("writes each page in one request as it arrives, says how many units are read, and the totals last", async () => {
    const [a, b, c, d] = UNITS.map(rowsOf);
    // The third unit was too large for one page: it continues at the top of the next.
    const pages: ConsolidatedPage["ledgers"][] = [
      [{ unit: UNITS[0]!, version: 1, rows: a! }, { unit: UNITS[1]!, version: 2, rows: b! }],
      [{ unit: UNITS[2]!, version: 1, rows: c!.slice(0, 2), continues: true }],
      [{ unit: UNITS[2]!, version: 1, rows: c!.slice(2) }, { unit: UNITS[3]!, version: 1, rows: d! }],
    ];
    const { api, asked } = apiServing(pages, UNITS.slice(0, 4));
    const said: Array<[string, number | undefined, number | undefined]> = [];

    const pulled = await pullConsolidated(api, { startConsolidated }, plan.id, (label, done, total) => said.push([label, done, total]));

    expect(asked).toEqual([undefined, "page-1", "page-2"]);
    // Start (find the sheets, find the old chart, write the header), one per page, the totals.
    expect(book.runs).toEqual([3, 1, 1, 1, 1]);
    expect(said).toEqual([
      ["正在读取各单位报送情况…", undefined, undefined],
      ["已读取 0/4 个单位", 0, 4],
      ["已读取 2/4 个单位", 2, 4],
      ["已读取 3/4 个单位", 3, 4],
      ["已读取 4/4 个单位", 4, 4],
      ["正在写入任务进度、单位统计、考核排名…", undefined, undefined],
    ]);
    expect(pulled).toMatchObject({ units: 4, rows: 4 * plan.tasks.length });

    // Title, 截至 line, header, then the rows (grid() starts at the title).
    const merged = book.sheet("汇总台账")!.grid().slice(3);
    expect(merged.map((line) => line[0])).toEqual(UNITS.slice(0, 4).flatMap((u) => plan.tasks.map(() => u)));
    expect(merged.filter((line) => line[0] === UNITS[2]).map((line) => line[1])).toEqual(plan.tasks.map((t) => t.no));
    expect(book.sheet("汇总台账")!.grid()[1]![0]).toBe("截至2025年5月1日");
    const counts = book.sheet("单位统计")!.grid().slice(3);
    // Every unit of the plan, the one that never reported too, with its tasks and 报送情况.
    expect(counts.map((line) => [line[0], line[4]])).toEqual(UNITS.map((u, i) => [u, i < 4 ? "按时" : "未报送"]));
    expect(book.sheet("未报送单位")!.grid().slice(2)).toEqual([["单位", "报送情况"], [UNITS[4], "未报送"]]);
    // Every unit of the plan has a column, the one that never reported too (its cells say 未报送).
    expect(book.sheet("任务进度")!.grid()[2]).toEqual(["序号", "工作任务", "牵头单位", "完成率", "已完成/应完成", ...UNITS]);
    expect(book.sheet("任务进度")!.grid()[3]!.at(-1)).toBe("未报送");
  });

  it("waits for the status (the day, 退回次数, the weights) before writing, and says so", async () => {
    const { api } = apiServing([[{ unit: UNITS[0]!, version: 1, rows: rowsOf(UNITS[0]!) }]], [UNITS[0]!]);
    let answer!: (s: StatusReply) => void;
    const held = { ...api, getStatus: () => new Promise<StatusReply>((resolve) => (answer = resolve)) };
    const said: string[] = [];
    const pulling = pullConsolidated(held, { startConsolidated }, plan.id, (label) => said.push(label));
    await expect.poll(() => said.at(-1)).toBe("正在读取各单位报送情况…");
    expect(book.runs).toEqual([]);
    answer(status([UNITS[0]!]));
    await pulling;
    expect(said).toEqual(["正在读取各单位报送情况…", "已读取 0/1 个单位", "已读取 1/1 个单位", "正在写入任务进度、单位统计、考核排名…"]);
  });

  it("writes a page at the API's largest in one request under Excel on the web's 5 MB, however long its rows", async () => {
    // Long Chinese text in every field a clerk fills, until the page's JSON is as large as the API lets it be.
    const long = (n: number) => "按季度梳理更新政务公开目录，专人负责审核发布。".repeat(n);
    const ledgers: ConsolidatedPage["ledgers"] = [];
    let size = 0;
    for (let u = 0; ; u++) {
      const unit = `第${u}个单位`;
      const rows = rowsOf(UNITS[0]!).map((r) => ({ ...r, measures: long(150), progress: long(150), evidence: long(40), note: long(40) }));
      const ledger = { unit, version: 1, rows };
      const bytes = Buffer.byteLength(JSON.stringify(ledger)) + 1;
      if (size + bytes > PAGE_MAX_BYTES) break;
      ledgers.push(ledger);
      size += bytes;
    }
    expect(size).toBeGreaterThan(PAGE_MAX_BYTES * 0.9);
    const { api } = apiServing([ledgers], []);

    await pullConsolidated(api, { startConsolidated }, plan.id, () => undefined);

    expect(book.runs).toEqual([3, 1, 1]);
    const pageRequest = book.payloads[3]!;
    expect(pageRequest).toBeGreaterThan(size);
    expect(pageRequest).toBeLessThan(5_000_000);
    expect(book.sheet("汇总台账")!.grid()).toHaveLength(3 + ledgers.length * plan.tasks.length);
  });
});
