import { Badge, Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import { Busy, ErrorBar, Notice, useWork } from "../feedback";
import { PlanSelect, usePlans } from "../PlanSelect";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import { pullConsolidated, type Pulled } from "./pull-consolidated";

/** 督办汇总: pull every unit's rows into this workbook, page by page, and see who has not reported or is late. */
export function OfficePane() {
  const styles = usePaneStyles();
  const { api, workbook } = useServices();
  const work = useWork();
  const [pulled, setPulled] = useState<Pulled>();

  const plans = usePlans(work);
  const [chosenPlanId, setPlanId] = useState("");
  const planId = chosenPlanId || (plans[0]?.id ?? "");

  const pull = () => work.run("正在汇总各单位台账…", async (progress) => setPulled(await pullConsolidated(api, workbook, planId, progress)));

  const missing = pulled?.status.units.filter((u) => !u.reported) ?? [];
  const overdue = pulled?.status.units.filter((u) => (u.overdue ?? 0) > 0) ?? [];

  return (
    <div className={styles.stack}>
      <PlanSelect label="方案" plans={plans} value={planId} onChange={setPlanId} />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!planId || !!work.busy} onClick={pull}>{pulled ? "刷新汇总" : "汇总"}</Button>
      </div>
      <Busy label={work.busy} progress={work.progress} />
      <ErrorBar error={work.error} />
      {pulled && (
        <>
          <Notice intent="success" title="已汇总">
            {`${pulled.units} 个单位、${pulled.rows} 行已写入“汇总台账”等工作表。`}
          </Notice>
          <Text weight="semibold">{`未报送单位（${missing.length}）`}</Text>
          <div className={styles.actions}>
            {missing.length === 0 ? <Text className={styles.muted}>全部已报送</Text> : missing.map((u) => <Badge key={u.unit} color="danger">{u.unit}</Badge>)}
          </div>
          <Text weight="semibold">{`有逾期任务的单位（${overdue.length}）`}</Text>
          <div className={styles.actions}>
            {overdue.length === 0 ? <Text className={styles.muted}>暂无逾期</Text> : overdue.map((u) => <Badge key={u.unit} color="warning">{`${u.unit} ${u.overdue} 项`}</Badge>)}
          </div>
          <Text className={styles.muted}>在“汇总台账”中选中一行，到“审核”页通过或退回。</Text>
        </>
      )}
    </div>
  );
}
