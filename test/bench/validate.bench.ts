// Validating 10,000 ledger rows against a 60-task plan: what the API does on every sync of a large sheet.
import { Plan, type Task } from "../../core/plan/schema";
import type { LedgerRowInput } from "../../core/ledger/schema";
import { validate } from "../../core/validate/validate";
import { ms, report, time } from "./measure";

const deadlines: Task["deadline"][] = [
  { text: "2022年8月底前", rules: [{ kind: "by", date: "2022-08-31" }] },
  { text: "长期坚持", rules: [{ kind: "ongoing" }] },
  { text: "信息形成或者变更之日起20个工作日内公开", rules: [{ kind: "within", amount: 20, unit: "workday", after: "信息形成或者变更" }] },
  { text: "每月25日前", rules: [{ kind: "monthly", day: 25 }] },
];
const plan = Plan.parse({
  id: "bench-2022",
  year: 2022,
  title: "bench",
  units: [{ name: "建设局", aliases: ["区建设局"] }],
  tasks: Array.from({ length: 60 }, (_, i) => ({
    id: String(i + 1), no: String(i + 1), section: "一", text: `第${i + 1}项政务公开任务，做好相关信息的主动公开和解读工作`,
    lead: i % 3 === 0 ? ["区建设局"] : ["经发局"], support: [], allUnits: i % 3 !== 0, deadline: deadlines[i % 4],
  })),
});
const statuses = ["未开始", "推进中", "已完成", "完成", "长期坚持"];
const rows: LedgerRowInput[] = Array.from({ length: 10_000 }, (_, i) => ({
  no: i < 60 ? String(i + 1) : `${(i % 60) + 1}（续）`,
  task: "做好相关信息的主动公开",
  deadline: deadlines[i % 4]!.text,
  office: "综合科",
  leader: i % 7 ? "张三" : "",
  measures: "按要求公开",
  progress: "已公开",
  status: statuses[i % 5],
  doneOn: i % 5 === 2 ? 44712 + (i % 30) : undefined,
  triggeredOn: i % 4 === 2 ? "2022/5/20" : undefined,
  evidence: "链接",
}));

let findings = 0;
const timing = await time(() => (findings = validate(plan, "建设局", rows, { today: "2022-07-15" }).length), 30, 5);
report(`validate 10,000 rows × 60 tasks (${findings} findings), median`, ms(timing.median), "< 50 ms");
if (timing.median >= 50) process.exitCode = 1;
