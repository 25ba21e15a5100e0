// The plan the API benchmarks run on: 1,000 units that all carry 60 tasks, each row filled as a clerk fills it.
import { ledgerFor } from "../../core/ledger/ledger-for";
import type { LedgerRow } from "../../core/ledger/schema";
import type { Plan } from "../../core/plan/schema";

export const UNITS = 1000;
export const TASKS = 60;

export const benchPlan: Plan = {
  id: "bench",
  year: 2022,
  title: "基准测试方案",
  units: Array.from({ length: UNITS }, (_, i) => ({ name: `单位${String(i).padStart(4, "0")}`, aliases: [] })),
  tasks: Array.from({ length: TASKS }, (_, i) => ({
    id: String(i + 1),
    no: String(i + 1),
    section: "一、基础",
    text: `第${i + 1}项任务：按要求公开相关政府信息，及时更新专栏内容。`,
    lead: [],
    support: [],
    allUnits: true,
    deadline: { text: "长期坚持", rules: [{ kind: "ongoing" as const }] },
  })),
};

export const benchRows = (unit: string): LedgerRow[] =>
  ledgerFor(benchPlan, unit).map((row, i) => ({ ...row, office: "综合科", leader: "张三", measures: `措施${i}：按季度梳理更新，专人负责。`, progress: "已按计划推进。", status: "推进中" as const }));
