import { Badge, Button, Divider, Field, Select, Text, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import type { ConsolidatedReply, StatusReply } from "../../api-client";
import { rowKeys } from "../../../core/ledger/row-key";
import type { RowReview } from "../../../core/ledger/schema";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { PlanSelect, usePlans } from "../PlanSelect";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";

type Pulled = { consolidated: ConsolidatedReply; status: StatusReply };

/** 督办汇总: pull every unit's rows into this workbook, see who has not reported, pass or return rows. */
export function OfficePane() {
  const styles = usePaneStyles();
  const { api, workbook } = useServices();
  const work = useWork();
  const [pulled, setPulled] = useState<Pulled>();

  const plans = usePlans(work);
  const [chosenPlanId, setPlanId] = useState("");
  const planId = chosenPlanId || (plans[0]?.id ?? "");

  const pull = () =>
    work.run("正在汇总各单位台账…", async () => {
      const [plan, consolidated, status] = await Promise.all([api.getPlan(planId), api.getConsolidated(planId), api.getStatus(planId)]);
      await workbook.writeConsolidated(plan, consolidated, status);
      setPulled({ consolidated, status });
    });

  const missing = pulled?.status.units.filter((u) => !u.reported) ?? [];
  const overdue = pulled?.status.units.filter((u) => (u.overdue ?? 0) > 0) ?? [];

  return (
    <div className={styles.stack}>
      <PlanSelect label="方案" plans={plans} value={planId} onChange={setPlanId} />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!planId || !!work.busy} onClick={pull}>{pulled ? "刷新汇总" : "汇总"}</Button>
      </div>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {pulled && (
        <>
          <Notice intent="success" title="已汇总">
            {`${pulled.consolidated.ledgers.length} 个单位、${pulled.consolidated.ledgers.reduce((n, l) => n + l.rows.length, 0)} 行已写入“汇总台账”等工作表。`}
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
          <ReviewForm planId={planId} consolidated={pulled.consolidated} onReviewed={pull} />
        </>
      )}
    </div>
  );
}

function ReviewForm(props: { planId: string; consolidated: ConsolidatedReply; onReviewed(): void }) {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [unit, setUnit] = useState(props.consolidated.ledgers[0]?.unit ?? "");
  const rows = props.consolidated.ledgers.find((l) => l.unit === unit)?.rows ?? [];
  const keys = rowKeys(rows);
  const [rowKey, setRowKey] = useState("");
  const [comment, setComment] = useState("");

  const review = (verdict: RowReview["verdict"]) =>
    work.run(`正在标记${verdict}…`, async () => {
      if (verdict === "退回" && !comment.trim()) throw new UserError("退回时请写明原因，单位联络员会在台账中看到");
      await api.reviewRow(props.planId, unit, { rowKey, verdict, comment: comment.trim() });
      setComment("");
      props.onReviewed();
    });

  return (
    <div className={styles.stack}>
      <Field label="单位">
        <Select value={unit} onChange={(_, d) => (setUnit(d.value), setRowKey(""))}>
          {props.consolidated.ledgers.map((l) => <option key={l.unit}>{l.unit}</option>)}
        </Select>
      </Field>
      <Field label="任务行">
        <Select value={rowKey} onChange={(_, d) => setRowKey(d.value)}>
          <option value="">请选择</option>
          {rows.map((r, i) => <option key={keys[i]} value={keys[i]}>{`${r.no} ${r.task.slice(0, 20)}（${r.status}）`}</option>)}
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
    </div>
  );
}
