// Which plan, unit and synced version this workbook is, and where its 台账 sits. Kept in the workbook's own
// settings (ExcelApi 1.4), never in hidden cells, and never the server URL or token (those are the pane's).
import { z } from "zod";
import { Plan } from "../../core/plan/schema";
import { LEDGER_COLUMNS } from "../../core/sheet/columns";
import { SheetProblem, run } from "./run";

const FIELDS = LEDGER_COLUMNS.map((column) => column.field) as [string, ...string[]];

/** Where each ledger field lives on the sheet: 0-based column indexes, only the fields the sheet has. */
export const ColumnLayout = z.partialRecord(z.enum(FIELDS), z.number().int().min(0));
export type ColumnLayout = z.infer<typeof ColumnLayout>;

export const WorkbookBinding = z.object({
  planId: z.string().min(1),
  unit: z.string().min(1),
  /** The ledger version last synced with the server (0: never synced). */
  version: z.number().int().min(0),
  /** The plan version the sheet's tasks come from. */
  planVersion: z.number().int().min(0),
  /** When and by whom `version` was 报送 (as the server recorded it), so the pane can say so without the server. */
  reportedAt: z.string().optional(),
  reportedBy: z.string().optional(),
  /** The worksheet holding the 台账. */
  sheet: z.string().min(1),
  /** 1-based sheet row of the header's last line; data starts on the next row. */
  headerRow: z.number().int().min(1),
  /** 1-based sheet row of the header's first line, when the header runs over several rows (a unit's own sheet). */
  headerTop: z.number().int().min(1).optional(),
  /** Where each field is: the columns the clerk confirmed in 使用当前表, or Taizhang's own layout. */
  columns: ColumnLayout,
  /** Each bound column's header then, so a column the clerk later moves (by inserting one) is found again. */
  labels: z.partialRecord(z.enum(FIELDS), z.string()).optional(),
  /** How the sheet writes a field where it differs from Taizhang's words: a 是否完成 column takes 是 and 否. */
  forms: z.object({ status: z.enum(["words", "yesNo"]).optional() }).optional(),
  /**
   * The Excel table over header and rows: Taizhang's own sheets have one, and only they are rewritten whole.
   * A unit's own sheet (no table) keeps its layout: only cells whose meaning changed are written.
   */
  table: z.string().min(1).optional(),
});
export type WorkbookBinding = z.infer<typeof WorkbookBinding>;

export const BINDING_KEY = "taizhang.binding";

/** The layout Taizhang writes itself: every column of LEDGER_COLUMNS, in order, from column A. */
export const STANDARD_LAYOUT: ColumnLayout = Object.fromEntries(LEDGER_COLUMNS.map((column, index) => [column.field, index]));

/** Queues the read; the value is known after the caller's next sync. */
export function queueBindingRead(context: Excel.RequestContext): () => WorkbookBinding | undefined {
  const setting = context.workbook.settings.getItemOrNullObject(BINDING_KEY);
  setting.load("value");
  return () => {
    if (setting.isNullObject) return undefined;
    const parsed = WorkbookBinding.safeParse(typeof setting.value === "string" ? JSON.parse(setting.value) : setting.value);
    return parsed.success ? parsed.data : undefined;
  };
}

/** Queues the write; it lands with the caller's next sync. */
export function queueBindingWrite(context: Excel.RequestContext, binding: WorkbookBinding): void {
  context.workbook.settings.add(BINDING_KEY, JSON.stringify(WorkbookBinding.parse(binding)));
}

/**
 * The plan the sheet's tasks were written from, kept with the workbook (its settings travel with the file): 检查
 * works without the server, and a newer plan is compared with the one the sheet really has. A plan is ~30 KB.
 */
export const PLAN_KEY = "taizhang.plan";

export function queuePlanWrite(context: Excel.RequestContext, plan: Plan): void {
  context.workbook.settings.add(PLAN_KEY, JSON.stringify(plan));
}

export function queuePlanRead(context: Excel.RequestContext): () => Plan | undefined {
  const setting = context.workbook.settings.getItemOrNullObject(PLAN_KEY);
  setting.load("value");
  return () => {
    if (setting.isNullObject) return undefined;
    try {
      const parsed = Plan.safeParse(typeof setting.value === "string" ? JSON.parse(setting.value) : setting.value);
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
}

export async function readBinding(): Promise<WorkbookBinding | undefined> {
  return run(async (context) => {
    const read = queueBindingRead(context);
    await context.sync();
    return read();
  });
}

/** What the workbook knows of its 台账 without the server: the binding and the plan it was built on. One sync. */
export async function readLedgerState(): Promise<{ binding: WorkbookBinding; plan?: Plan } | undefined> {
  return run(async (context) => {
    const readBound = queueBindingRead(context);
    const readPlan = queuePlanRead(context);
    await context.sync();
    const binding = readBound();
    if (!binding) return undefined;
    const plan = readPlan();
    // A plan of another id or version than the binding names is not the sheet's.
    return plan && plan.id === binding.planId && (plan.version ?? 0) === binding.planVersion ? { binding, plan } : { binding };
  });
}

export async function writeBinding(binding: WorkbookBinding): Promise<void> {
  await run(async (context) => {
    queueBindingWrite(context, binding);
    await context.sync();
  });
}

/** Thrown when an operation needs the 台账 but the workbook was never bound to one. */
export class NotBoundError extends SheetProblem {
  constructor() {
    super("此工作簿还没有台账：请先新建台账或使用当前表");
    this.name = "NotBoundError";
  }
}

/** One read sync: the binding, or NotBoundError. */
export async function requireBinding(context: Excel.RequestContext): Promise<WorkbookBinding> {
  const read = queueBindingRead(context);
  await context.sync();
  const binding = read();
  if (!binding) throw new NotBoundError();
  return binding;
}
