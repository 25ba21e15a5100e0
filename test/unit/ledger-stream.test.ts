// The ledger stream and the consolidated pages over every way a Query could cut a plan's partition into pages:
// each unit is handed on exactly once with all its rows, whatever the cut, even where one unit's keys sort among
// another's ("甲" and "甲#I"), past leftover chunks and orphan reviews; and pages resumed from their cursor
// position hand every row over once, in order, within the byte bound.
import { describe, expect, it } from "vitest";
import { readPage, type PageStart } from "../../api/reports/consolidated-page";
import { streamLedgers, type QueryPage } from "../../api/storage/ledger-stream";
import type { StoredLedger } from "../../core/merge/consolidate";
import type { LedgerRow } from "../../core/ledger/schema";
import { ConsolidatedPage } from "../../core/api/contract";

type Item = Record<string, any>;

const row = (unit: string, i: number): LedgerRow => ({
  taskId: String(i + 1), no: String(i + 1), task: `${unit}的第${i + 1}项`, deadline: "长期坚持", office: "", leader: "", measures: "", progress: "", status: "未开始",
});

/** A unit's items as the table keeps them: head, reviews, row chunks (and perhaps a chunk left over). */
function unitItems(unit: string, rows: number, chunkSize: number, extra: { reviews?: number; leftover?: boolean } = {}): Item[] {
  const all = Array.from({ length: rows }, (_, i) => row(unit, i));
  const chunks: LedgerRow[][] = [];
  for (let i = 0; i < all.length || chunks.length === 0; i += chunkSize) chunks.push(all.slice(i, i + chunkSize));
  return [
    { sk: `UNIT#${unit}#HEAD`, version: 1, chunks: chunks.length },
    ...Array.from({ length: extra.reviews ?? 0 }, (_, i) => ({ sk: `UNIT#${unit}#REVIEW#${i + 1}`, body: JSON.stringify({ verdict: "通过", comment: "", by: "o", at: "t" }) })),
    ...chunks.map((c, i) => ({ sk: `UNIT#${unit}#ROWS#${String(i).padStart(3, "0")}`, body: JSON.stringify(c) })),
    ...(extra.leftover ? [{ sk: `UNIT#${unit}#ROWS#${String(chunks.length).padStart(3, "0")}`, body: JSON.stringify([row(unit, 999)]) }] : []),
  ];
}

const partition: Item[] = [
  ...unitItems("甲", 7, 3, { reviews: 2 }),
  ...unitItems("甲#I", 4, 2),
  ...unitItems("甲#Z", 2, 5),
  ...unitItems("乙", 0, 3),
  ...unitItems("丙", 12, 4, { leftover: true }),
  { sk: "UNIT#丁#REVIEW#1", body: "{}" }, // a review of a unit that never synced
  ...unitItems("戊", 5, 5, { reviews: 1 }),
].sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
const expected: Record<string, number> = { 甲: 7, "甲#I": 4, "甲#Z": 2, 乙: 0, 丙: 12, 戊: 5 };

/** Each unit's items as its ledger (head's chunk count honoured), as the repository assembles them. */
function assemble(items: Item[]): Map<string, StoredLedger> {
  const unit = /^UNIT#(.+)#HEAD$/.exec(items[0]!.sk)![1]!;
  const head = items[0]!;
  const rows = items.filter((i) => i.sk.startsWith(`UNIT#${unit}#ROWS#`)).slice(0, head.chunks).flatMap((i) => JSON.parse(i.body) as LedgerRow[]);
  return new Map([[unit, { unit, version: head.version, rows }]]);
}

/** A Query over the partition after `after`, cut into pages of `size` items. */
const query = (size: number, after?: string) => async (start: Item | undefined): Promise<QueryPage> => {
  const from = start ? partition.findIndex((i) => i.sk === start.sk) + 1 : after === undefined ? 0 : partition.findIndex((i) => i.sk > after);
  const items = from < 0 ? [] : partition.slice(from, from + size);
  const end = from + size < partition.length && from >= 0;
  return { Items: items, ...(end ? { LastEvaluatedKey: { sk: items.at(-1)!.sk } } : {}) };
};

describe("the ledger stream", () => {
  it("hands each unit on exactly once with all its rows, however the Query pages fall", async () => {
    for (let size = 1; size <= partition.length; size++) {
      const seen: string[] = [];
      const heads = partition.filter((i) => /#HEAD$/.test(i.sk)).map((i) => ({ sk: i.sk as string, unit: /^UNIT#(.+)#HEAD$/.exec(i.sk)![1]! }));
      for await (const batch of streamLedgers(query(size), assemble)) {
        for (const ledger of batch.ledgers) {
          seen.push(ledger.unit);
          expect(ledger.rows.map((r) => r.taskId), `${ledger.unit}, pages of ${size}`).toEqual(Array.from({ length: expected[ledger.unit]! }, (_, i) => String(i + 1)));
        }
        const before = seen.length - batch.ledgers.length;
        batch.ledgers.forEach((ledger, j) => {
          // Resuming after its key (once the units released with it are handed on too) loses no unit and repeats none.
          let runEnd = j;
          while (batch.ledgers[runEnd + 1]?.resumeAfter === ledger.resumeAfter) runEnd++;
          const handed = seen.slice(0, before + runEnd + 1);
          expect(handed, `pages of ${size}`).toEqual(expect.arrayContaining(heads.filter((h) => h.sk <= ledger.resumeAfter).map((h) => h.unit)));
          for (const { unit } of heads.filter((h) => h.sk > ledger.resumeAfter)) expect(handed, `pages of ${size}`).not.toContain(unit);
        });
      }
      expect(seen.sort(), `pages of ${size}`).toEqual(Object.keys(expected).sort());
    }
  });
});

describe("the consolidated pages", () => {
  it("hand every row over once and in order, resuming where the last page stopped, within the byte bound", async () => {
    const rowBytes = Buffer.byteLength(JSON.stringify(row("丙", 10))) + 1;
    for (const maxBytes of [200, 400, 800, 5000]) {
      for (const size of [1, 3, 7, 100]) {
        const got = new Map<string, string[]>();
        let start: PageStart | undefined = { units: 0, rows: 0 };
        for (let pages = 0; start && pages < 200; pages++) {
          const read = await readPage(streamLedgers(query(size, start.after), assemble), start, maxBytes);
          const page = { ledgers: read.ledgers.map((json) => ConsolidatedPage.shape.ledgers.element.parse(JSON.parse(json))), next: read.next };
          const bytes = page.ledgers.reduce((n, l) => n + l.rows.reduce((m, r) => m + Buffer.byteLength(JSON.stringify(r)) + 1, 0), 0);
          // A page may exceed the bound only by the one row it must carry.
          if (page.ledgers.length > 1 || page.ledgers[0]?.continues) expect(bytes, `bound ${maxBytes}`).toBeLessThanOrEqual(maxBytes + rowBytes);
          for (const ledger of page.ledgers) got.set(ledger.unit, [...(got.get(ledger.unit) ?? []), ...ledger.rows.map((r) => r.taskId)]);
          start = page.next;
        }
        expect(start, `bound ${maxBytes}, pages of ${size}`).toBeUndefined();
        expect(Object.fromEntries(got), `bound ${maxBytes}, pages of ${size}`).toEqual(
          Object.fromEntries(Object.entries(expected).map(([unit, n]) => [unit, Array.from({ length: n }, (_, i) => String(i + 1))])),
        );
      }
    }
  });
});
