// Characters XML 1.0 cannot hold (C0 controls, lone surrogates, U+FFFE, U+FFFF), sent by a clerk through a sync
// and on into the office's consolidated .xlsx: identifiers are refused naming the field and the character; free
// text is stored without them; and the workbook always opens. A property test over arbitrary Unicode.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ExportLink, LedgerReply } from "../../core/api/contract";
import { ledgerFor } from "../../core/ledger/ledger-for";
import { clerkCells, type ClerkRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { escapeFormulaText, xmlForbiddenChar } from "../../core/sheet/escape";
import { ledgerPath, testApi } from "./harness";

const PLAN = "zhuhai-gxq-2022";
const UNIT = "区综治局";
let api: Awaited<ReturnType<typeof testApi>>;
let plan: Plan & { version: number };
let clerk: string;
let office: string;

beforeAll(async () => {
  api = await testApi({ now: () => "2022-06-15T02:00:00.000Z" });
  plan = (await api.repository.getPlan(PLAN))!;
  clerk = await api.token("clerk", UNIT);
  office = await api.token("office");
});

const rowsWith = (change: (row: ClerkRow, i: number) => Partial<ClerkRow>): ClerkRow[] =>
  ledgerFor(plan, UNIT).map((row, i) => clerkCells({ ...row, office: "综合科", leader: "张三", ...change(clerkCells(row), i) }));

describe("characters XML 1.0 cannot hold", () => {
  it("refuses them in a task number or id with a 400 naming the field and the character", async () => {
    for (const [field, value] of [["no", "1\uFFFE"], ["taskId", "1\u0000"]] as const) {
      const reply = await api.call("PUT", ledgerPath(PLAN, UNIT), clerk, { baseVersion: 0, rows: rowsWith((_, i) => (i === 2 ? { [field]: value } : {})) });
      expect(reply.status).toBe(400);
      expect(reply.body.error.path).toBe(`rows.2.${field}`);
      expect(reply.body.error.message).toContain(xmlForbiddenChar(value)!);
    }
    expect(await api.repository.getLedger(PLAN, UNIT)).toBeUndefined();
  });

  it("keeps any Unicode a clerk sends in free text out of harm's way, from the sync to the office's workbook", async () => {
    // Any code point (lone surrogates included), with the forbidden ones and formula starts made common.
    const nasty = fc.constantFrom("\uFFFE", "\uFFFF", "\u0000", "\u0008", "\u000B", "\u000C", "\u001F", "\uD800", "\uDFFF", "=", "+", "-", "@", "\t", "\r\n");
    const text = fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), nasty), { maxLength: 12 }).map((parts) => parts.join(""));
    let version = 0;
    await fc.assert(
      fc.asyncProperty(fc.record({ measures: text, progress: text, evidence: text, note: text, office: text, leader: text }), async (cells) => {
        const rows = rowsWith((_, i) =>
          i === 0
            ? { status: "推进中", measures: `措${cells.measures}`, progress: cells.progress, evidence: cells.evidence, note: cells.note, office: `科${cells.office}`, leader: `张${cells.leader}` }
            : {},
        );
        const sync = await api.call("PUT", ledgerPath(PLAN, UNIT), clerk, { baseVersion: version, rows });
        expect(sync.status, JSON.stringify(sync.body).slice(0, 400)).toBe(200);
        version = LedgerReply.parse(sync.body).version;
        const stored = LedgerReply.parse((await api.call("GET", ledgerPath(PLAN, UNIT), clerk)).body).rows[0]!;
        const texts = [stored.measures, stored.progress, stored.evidence ?? "", stored.note ?? "", stored.office, stored.leader];
        for (const value of texts) expect(xmlForbiddenChar(value)).toBeUndefined();

        const link = ExportLink.parse((await api.call("GET", `/plans/${PLAN}/consolidated?format=xlsx`, office)).body);
        const response = await api.app.request(link.url);
        expect(response.status).toBe(200);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
        const sheet = book.getWorksheet("汇总台账")!;
        // The title and 截至 line above the header (row 3); the unit's row below it.
        const header = (sheet.getRow(3).values as unknown[]).map(String);
        const first = sheet.getRow(4);
        const cell = (name: string) => {
          const value = first.getCell(header.indexOf(name)).value;
          return value === null || value === undefined ? "" : String(value);
        };
        // Each cell holds exactly the stored text, made inert as a formula, and nothing else.
        expect([cell("工作措施"), cell("进展情况"), cell("责任科室"), cell("分管领导")]).toEqual(
          [stored.measures, stored.progress, stored.office, stored.leader].map(escapeFormulaText),
        );
      }),
      { numRuns: 25 },
    );
  });
});
