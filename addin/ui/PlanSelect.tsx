import { Field, Select } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { PlanSummary } from "../../core/api/contract";
import type { Work } from "./feedback";
import { useServices } from "./services";

/** The published plans, read once when a pane opens (and again on `reload`); the read shows as the pane's own busy line and error. */
export function usePlanList(work: Work): { plans: PlanSummary[]; reload(): void } {
  const { api } = useServices();
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [round, setRound] = useState(0);
  useEffect(() => {
    void work.run("正在读取方案列表…", async () => setPlans((await api.listPlans()).plans));
  }, [api, round]);
  return { plans, reload: useCallback(() => setRound((n) => n + 1), []) };
}

export function usePlans(work: Work): PlanSummary[] {
  return usePlanList(work).plans;
}

/** A plan drop-down; with `placeholder` nothing is chosen until the user picks. */
export function PlanSelect(props: { label: string; plans: PlanSummary[]; value: string; onChange(planId: string): void; placeholder?: string }) {
  return (
    <Field label={props.label}>
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value)} aria-label={props.label}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.plans.map((p) => <option key={p.id} value={p.id}>{`${p.year} · ${p.title}`}</option>)}
      </Select>
    </Field>
  );
}
