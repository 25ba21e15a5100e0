import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import { ledgerFor } from "../../../core/ledger/ledger-for";
import type { LedgerRow } from "../../../core/ledger/schema";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, useWork } from "../feedback";
import { PlanSelect, usePlanList } from "../PlanSelect";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import type { AdoptionChoice, AdoptionPreview, LedgerBinding } from "../workbook-port";
import { AdoptionReview } from "./AdoptionReview";

/** A workbook without a ledger yet: pick the plan, then 新建台账 or 使用当前表. */
export function StartLedger({ unit, onBound }: { unit: string; onBound(binding: LedgerBinding, plan: Plan): void }) {
  const styles = usePaneStyles();
  const { api, workbook } = useServices();
  const work = useWork();
  const [preview, setPreview] = useState<{ plan: Plan; preview: AdoptionPreview }>();

  const { plans, reload } = usePlanList(work);
  const [chosenPlanId, setPlanId] = useState("");
  const planId = chosenPlanId || (plans[0]?.id ?? "");

  /** The rows the unit already 报送 (version > 0), else fresh rows from the plan. */
  const startingRows = async (plan: Plan): Promise<{ rows: LedgerRow[]; version: number; at?: string; by?: string }> => {
    const ledger = await api.getLedger(plan.id, unit);
    return ledger.version > 0
      ? { rows: ledger.rows, version: ledger.version, at: ledger.updatedAt, by: ledger.updatedBy }
      : { rows: ledgerFor(plan, unit), version: 0 };
  };

  const create = () =>
    work.run("正在新建台账…", async (step) => {
      step("正在读取方案…");
      const plan = await api.getPlan(planId);
      const { rows, version, at, by } = await startingRows(plan);
      const written = (done: number, total: number) => step(`已写入 ${done} / ${total} 行`, done, total);
      step(`正在写入 ${rows.length} 行…`, 0, rows.length);
      const binding = await workbook.createLedger(plan, unit, rows, written);
      // A sheet started from the rows already 报送 stands for that version: stamp it, so its next 报送 is not stale.
      const stamped = { ...binding, version, ...(at && by ? { reportedAt: at, reportedBy: by } : {}) };
      if (version > 0) await workbook.applyServerRows(plan, rows, stamped);
      onBound(stamped, plan);
    });

  const review = () =>
    work.run("正在读取工作簿中的表格…", async () => {
      const plan = await api.getPlan(planId);
      setPreview({ plan, preview: await workbook.previewAdoption(plan, unit) });
    });

  const chooseSheet = (name: string) =>
    work.run(`正在读取「${name}」…`, async () => {
      if (!preview) return;
      setPreview({ plan: preview.plan, preview: await workbook.previewAdoption(preview.plan, unit, name) });
    });

  const adopt = (choice: AdoptionChoice) =>
    work.run("正在使用当前表…", async () => {
      if (!preview) return;
      onBound(await workbook.adopt(preview.plan, unit, preview.preview, choice), preview.plan);
    });

  return (
    <div className={styles.stack}>
      <Text as="h2" className={styles.heading}>开始</Text>
      <Text>本工作簿还没有台账。请选择方案，新建台账，或使用已有的表格。</Text>
      <PlanSelect label="方案" plans={plans} value={planId} onChange={setPlanId} />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!planId || !!work.busy} onClick={create}>新建台账</Button>
        <Button disabled={!planId || !!work.busy} onClick={review}>使用当前表</Button>
      </div>
      <Busy label={work.busy} progress={work.progress} />
      <ErrorBar error={work.error} onRetry={plans.length ? undefined : reload} />
      {preview && (
        <AdoptionReview
          key={preview.preview.sheetName}
          plan={preview.plan}
          unit={unit}
          preview={preview.preview}
          busy={!!work.busy}
          onChooseSheet={chooseSheet}
          onConfirm={adopt}
          onCancel={() => setPreview(undefined)}
        />
      )}
    </div>
  );
}
