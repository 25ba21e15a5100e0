// fast-check arbitraries for ledgers: any valid ledger of the test plan's unit, as the server stores it (rows
// normalized by core's check: trimmed text, standard statuses, a further row marked as such).
import fc from "fast-check";
import { LEDGER_STATUSES, type LedgerRow, type LedgerRowInput } from "../../core/ledger/schema";
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { Plan } from "../../core/plan/schema";
import { checkLedger } from "../../core/validate/validate";

// Characters a clerk types: Chinese, digits and punctuation, full-width forms, what makes a cell a formula, quotes,
// line breaks and tabs, an emoji. Not the control characters XML 1.0 forbids: the server refuses or strips them
// before a ledger is stored (issue 10, item 4), so no valid ledger holds one.
const CHARS = [..."政务公开工作任务台账科室领导措施进展已完成推进中续办结日期年月日第项一二三四五六七八九十",
  ..."0123456789.,;:()（）、，。；：“”‘’《》【】", ..."=+-@'\"", "\n", "\t", " ", "　", "😀", "ａ", "Ａ", "x", "Y"];

export const clerkText = (maxLength = 24) => fc.array(fc.constantFrom(...CHARS), { maxLength }).map((chars) => chars.join(""));

const isoDate = fc.date({ min: new Date("2015-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** How a unit writes a task's number: as the plan prints it, or 第N项, N、, (N). */
const numberForm = (no: string) => fc.constantFrom(no, `第${no}项`, `${no}、`, `(${no})`);

function rowFor(base: LedgerRow, further: boolean): fc.Arbitrary<LedgerRowInput> {
  return fc.record({
    no: numberForm(base.no),
    task: fc.oneof(fc.constant(base.task), clerkText(60)),
    deadline: fc.oneof(fc.constant(base.deadline), clerkText(12)),
    office: clerkText(8),
    leader: clerkText(6),
    measures: clerkText(),
    progress: clerkText(),
    status: fc.constantFrom(...LEDGER_STATUSES),
    doneOn: fc.option(isoDate, { nil: undefined }),
    triggeredOn: fc.option(isoDate, { nil: undefined }),
    evidence: fc.option(clerkText(), { nil: undefined }),
    note: fc.option(clerkText(), { nil: undefined }),
  }).map((row) => ({ ...row, ...(further ? { continuation: true } : {}) }));
}

/** The rows the server would store for this unit: each task once or split over up to three rows, then normalized. */
export function validLedger(plan: Plan, unit: string): fc.Arbitrary<LedgerRow[]> {
  const bases = ledgerFor(plan, unit);
  return fc
    .tuple(...bases.map((base) => fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rowFor(base, i > 0))))))
    .map((perTask) => {
      const inputs = perTask.flat();
      return checkLedger(plan, unit, inputs, { today: "2031-01-01" }).rows.filter((row): row is LedgerRow => row !== undefined);
    })
    .filter((rows) => rows.length > 0);
}

/** A finding without its wording: which row, which column, what kind. */
export const findingKeys = (findings: ReadonlyArray<{ row: number | null; column: string | null; code: string }>) =>
  findings.map((f) => `${f.row}|${f.column}|${f.code}`).sort();
