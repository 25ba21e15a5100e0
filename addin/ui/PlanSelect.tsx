import { Field, Select } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { PlanSummary } from "../../core/api/contract";
import type { Work } from "./feedback";
import { useServices } from "./services";

/** The published plans, read once when a pane opens; the read shows as the pane's own busy line and error. */
export function usePlans(work: Work): PlanSummary[] {
  const { api } = useServices();
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  useEffect(() => {
    void work.run("正在读取方案列表…", async () => setPlans((await api.listPlans()).plans));
  }, [api]);
  return plans;
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
