import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { diffPlans } from "../../../core/plan/diff";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, useWork } from "../feedback";
import { useServices } from "../services";
import type { LedgerBinding } from "../workbook-port";
import { rememberedPlan } from "./plan-memory";

/** The server's plan is newer than the one the sheet was written from: say what changed, apply on request. */
export function PlanUpdateBanner(props: { plan: Plan; binding: LedgerBinding; onApplied(binding: LedgerBinding): void }) {
  const { workbook } = useServices();
  const work = useWork();
  const serverVersion = props.plan.version ?? 1;
  if (serverVersion <= props.binding.planVersion) return null;
  const before = rememberedPlan(props.plan.id, props.binding.planVersion);
  const diff = before ? diffPlans(before, props.plan) : undefined;
  const summary = diff
    ? [
        diff.added.length && `新增任务 ${diff.added.map((t) => t.no || t.id).join("、")}`,
        diff.removed.length && `删除任务 ${diff.removed.map((t) => t.no || t.id).join("、")}`,
        diff.changed.filter((c) => c.fields.includes("deadline")).length &&
          `时限变化 ${diff.changed.filter((c) => c.fields.includes("deadline")).map((c) => c.after.no || c.id).join("、")}`,
        diff.changed.filter((c) => !c.fields.includes("deadline")).length &&
          `内容变化 ${diff.changed.filter((c) => !c.fields.includes("deadline")).length} 项`,
      ].filter(Boolean).join("；") || "任务无实质变化"
    : "本机没有旧版方案，无法逐项列出变化";

  const apply = () =>
    work.run("正在更新台账的任务…", async () =>
      props.onApplied(await workbook.applyPlanUpdate(before ?? props.plan, props.plan, props.binding.unit)));

  return (
    <>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{`方案已更新（第 ${props.binding.planVersion} 版 → 第 ${serverVersion} 版）`}</MessageBarTitle>
          {summary}。更新只改任务列，已填写的措施、进展等不受影响。
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" appearance="primary" disabled={!!work.busy} onClick={apply}>应用更新</Button>
        </MessageBarActions>
      </MessageBar>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
    </>
  );
}
