import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import { ApiError, type Api } from "../../api-client";
import { ledgerFor } from "../../../core/ledger/ledger-for";
import type { LedgerRow } from "../../../core/ledger/schema";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { PlanSelect, usePlans } from "../PlanSelect";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";

const UNFINISHED = new Set<LedgerRow["status"]>(["未开始", "推进中"]);

/**
 * Last year's unfinished rows carried into this year's ledger of the same unit, onto the task with the same
 * text: measures, progress and status come along, with a 回头看 note. Rows whose task is gone are reported.
 */
export function carryRows(previous: Plan, oldRows: LedgerRow[], next: Plan, newRows: LedgerRow[]) {
  const taskByText = new Map(next.tasks.map((t) => [t.text.replace(/\s+/g, ""), t.id]));
  const carried = new Map<string, LedgerRow>();
  const dropped: LedgerRow[] = [];
  for (const row of oldRows) {
    if (!UNFINISHED.has(row.status)) continue;
    const taskId = taskByText.get(row.task.replace(/\s+/g, ""));
    if (taskId) carried.set(taskId, row);
    else dropped.push(row);
  }
  const rows = newRows.map((row) => {
    const old = carried.get(row.taskId);
    if (!old || row.continuation) return row;
    return {
      ...row,
      office: row.office || old.office,
      leader: row.leader || old.leader,
      measures: row.measures || old.measures,
      progress: row.progress || old.progress,
      status: row.status === "未开始" ? old.status : row.status,
      note: [row.note, `回头看：${previous.year}年第 ${old.no} 项未完成`].filter(Boolean).join("；"),
    };
  });
  return { rows, carried: carried.size, dropped };
}

async function ledgerOrNone(api: Api, planId: string, unit: string) {
  try {
    return await api.getLedger(planId, unit);
  } catch (error) {
    if (error instanceof ApiError && error.kind === "not-found") return undefined;
    throw error;
  }
}

/** 回头看, done in the pane from the two plans and the ledgers (the API has no route for it). */
export function CarryOver() {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const plans = usePlans(work);
  const [fromId, setFromId] = useState("");
  const [toId, setToId] = useState("");
  const [result, setResult] = useState<Array<{ unit: string; carried: number; dropped: number }>>();

  const carry = () =>
    work.run("正在结转上年未完成事项…", async () => {
      if (!fromId || !toId || fromId === toId) throw new UserError("请选择两个不同的方案：上年方案和本年方案");
      const [previous, next] = await Promise.all([api.getPlan(fromId), api.getPlan(toId)]);
      const summary = [];
      for (const unit of previous.units) {
        const old = await ledgerOrNone(api, previous.id, unit.name);
        if (!old) continue;
        const current = await ledgerOrNone(api, next.id, unit.name);
        const { rows, carried, dropped } = carryRows(previous, old.rows, next, current?.rows ?? ledgerFor(next, unit.name));
        if (carried > 0) {
          await api.putLedger(next.id, unit.name, { baseVersion: current?.version ?? 0, rows }, crypto.randomUUID());
        }
        summary.push({ unit: unit.name, carried, dropped: dropped.length });
      }
      setResult(summary);
    });

  return (
    <div className={styles.stack}>
      <PlanSelect label="上年方案" plans={plans} value={fromId} onChange={setFromId} placeholder="请选择" />
      <PlanSelect label="本年方案" plans={plans} value={toId} onChange={setToId} placeholder="请选择" />
      <Button appearance="primary" disabled={!!work.busy} onClick={carry}>结转未完成事项</Button>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {result && (
        <Notice intent="success" title="回头看完成">
          {result.length === 0 ? "上年方案还没有单位报送台账。" : result.map((r) => (
            <Text key={r.unit} block className={styles.small}>{`${r.unit}：结转 ${r.carried} 项${r.dropped ? `，${r.dropped} 项本年无对应任务` : ""}`}</Text>
          ))}
        </Notice>
      )}
    </div>
  );
}
