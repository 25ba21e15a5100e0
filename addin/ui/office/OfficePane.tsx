import { Badge, Button, Divider, Field, Select, Text, Textarea } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { rowKeys } from "../../../core/ledger/row-key";
import type { LedgerRow, RowReview } from "../../../core/ledger/schema";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { PlanSelect, usePlans } from "../PlanSelect";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import { pullConsolidated, type Pulled } from "./pull-consolidated";

/** 督办汇总: pull every unit's rows into this workbook, see who has not reported, pass or return rows. */
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
      <Busy label={work.busy} value={work.done} />
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
          <Divider>审核</Divider>
          <ReviewForm planId={planId} units={pulled.status.units.filter((u) => u.reported).map((u) => u.unit)} />
        </>
      )}
    </div>
  );
}

/** 通过 / 退回 a row of one unit; its rows are read when the unit is picked, not kept for every unit. */
function ReviewForm(props: { planId: string; units: string[] }) {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [unit, setUnit] = useState(props.units[0] ?? "");
  const [rows, setRows] = useState<LedgerRow[]>([]);
  const keys = rowKeys(rows);
  const [rowKey, setRowKey] = useState("");
  const [comment, setComment] = useState("");
  const [done, setDone] = useState<string>();

  useEffect(() => {
    setRows([]);
    if (unit) void work.run("正在读取该单位台账…", async () => setRows((await api.getLedger(props.planId, unit)).rows));
    // work.run is stable (useCallback); a new unit or plan is what reloads.
  }, [api, props.planId, unit]);

  const review = (verdict: RowReview["verdict"]) =>
    work.run(`正在标记${verdict}…`, async () => {
      if (verdict === "退回" && !comment.trim()) throw new UserError("退回时请写明原因，单位联络员会在台账中看到");
      const ledger = await api.reviewRow(props.planId, unit, { rowKey, verdict, comment: comment.trim() });
      setRows(ledger.rows);
      setComment("");
      setDone(`已标记${verdict}；“汇总台账”在下次刷新汇总时更新。`);
    });

  return (
    <div className={styles.stack}>
      <Field label="单位">
        <Select value={unit} onChange={(_, d) => (setUnit(d.value), setRowKey(""), setDone(undefined))}>
          {props.units.map((u) => <option key={u}>{u}</option>)}
        </Select>
      </Field>
      <Field label="任务行">
        <Select value={rowKey} onChange={(_, d) => (setRowKey(d.value), setDone(undefined))}>
          <option value="">请选择</option>
          {rows.map((r, i) => <option key={keys[i]} value={keys[i]}>{`${r.no} ${r.task.slice(0, 20)}（${r.status}${r.review ? `，${r.review.verdict}` : ""}）`}</option>)}
        </Select>
      </Field>
      <Field label="意见">
        <Textarea value={comment} onChange={(_, d) => setComment(d.value)} resize="vertical" />
      </Field>
      <div className={styles.actions}>
        <Button disabled={!rowKey || !!work.busy} onClick={() => review("通过")}>通过</Button>
        <Button disabled={!rowKey || !!work.busy} onClick={() => review("退回")}>退回</Button>
      </div>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {done && <Notice intent="success">{done}</Notice>}
    </div>
  );
}
