// The plan the API benchmarks run on: 1,000 units that all carry 60 tasks, each row filled as a clerk fills it.
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";
import { allUnitsPlan } from "../fixtures/all-units-plan";

export const UNITS = 1000;
export const TASKS = 60;

export const benchPlan: Plan = allUnitsPlan(
  "bench",
  Array.from({ length: UNITS }, (_, i) => `单位${String(i).padStart(4, "0")}`),
  TASKS,
);

export const benchRows = (unit: string): LedgerRow[] =>
  ledgerFor(benchPlan, unit).map((row, i) => ({ ...row, office: "综合科", leader: "张三", measures: `措施${i}：按季度梳理更新，专人负责。`, progress: "已按计划推进。", status: "推进中" as const }));
