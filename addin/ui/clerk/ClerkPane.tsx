import { Divider, Spinner, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { LedgerRow } from "../../../core/ledger/schema";
import type { Plan } from "../../../core/plan/schema";
import { ErrorBar, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import type { LedgerBinding } from "../workbook-port";
import { CheckPanel } from "./CheckPanel";
import { rememberPlan } from "./plan-memory";
import { PlanUpdateBanner } from "./PlanUpdateBanner";
import { ReviewNotes } from "./ReviewNotes";
import { StartLedger } from "./StartLedger";
import { SyncPanel } from "./SyncPanel";
import { TodoList } from "./TodoList";

/** The clerk's pane: start a ledger, then check and sync it; plan updates and the office's comments on top. */
export function ClerkPane({ unit }: { unit: string }) {
  const styles = usePaneStyles();
  const { api, workbook } = useServices();
  const work = useWork();
  const [loaded, setLoaded] = useState(false);
  const [bound, setBound] = useState<{ binding: LedgerBinding; plan: Plan }>();
  const [serverRows, setServerRows] = useState<LedgerRow[]>([]);

  useEffect(() => {
    void work
      .run("正在读取工作簿…", async () => {
        const binding = await workbook.readBinding();
        if (!binding) return;
        const plan = await api.getPlan(binding.planId);
        setBound({ binding, plan });
        const ledger = await api.getLedger(binding.planId, binding.unit).catch(() => undefined);
        if (ledger) setServerRows(ledger.rows);
      })
      .finally(() => setLoaded(true));
  }, [api, workbook]);

  if (!loaded) return <Spinner label="正在读取工作簿…" />;
  if (!bound) {
    return (
      <>
        <ErrorBar error={work.error} />
        <StartLedger
          unit={unit}
          onBound={(binding, plan) => {
            rememberPlan(plan);
            setBound({ binding, plan });
          }}
        />
      </>
    );
  }
  const { binding, plan } = bound;
  return (
    <div className={styles.stack}>
      <Text className={styles.muted}>{`${plan.title} · ${binding.unit} · 已同步第 ${binding.version} 版`}</Text>
      <ErrorBar error={work.error} />
      <PlanUpdateBanner
        plan={plan}
        binding={binding}
        onApplied={(next) => {
          rememberPlan(plan);
          setBound({ binding: next, plan });
        }}
      />
      <TodoList key={binding.version} planId={binding.planId} unit={binding.unit} />
      <ReviewNotes rows={serverRows} />
      <Divider>检查</Divider>
      <CheckPanel plan={plan} unit={binding.unit} />
      <Divider>同步</Divider>
      <SyncPanel
        plan={plan}
        binding={binding}
        onSynced={(next, reply) => {
          setBound({ binding: next, plan });
          setServerRows(reply.rows);
        }}
      />
    </div>
  );
}
