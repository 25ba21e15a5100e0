import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Text, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import type { RowReview } from "../../../core/ledger/schema";
import { readSelectedRow, rowKeyOf, type SelectedRow } from "../../../core/oversight/selected-row";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";

type Pending = { selected: SelectedRow; rowKey: string; verdict: RowReview["verdict"] };

/** 审核所选行: 通过 / 退回 the row selected in 汇总台账, after a confirmation that names the unit and the task. */
export function ReviewSelected({ planId }: { planId: string }) {
  const styles = usePaneStyles();
  const { api, workbook } = useServices();
  const work = useWork();
  const [comment, setComment] = useState("");
  const [pending, setPending] = useState<Pending>();
  const [done, setDone] = useState<string>();

  const ask = (verdict: RowReview["verdict"]) =>
    work.run("正在读取所选行…", async () => {
      setDone(undefined);
      if (verdict === "退回" && !comment.trim()) throw new UserError("退回时请写明原因，单位联络员会在台账中看到");
      const cells = await workbook.readSelection();
      const selected = readSelectedRow(cells.top, cells.row, cells.rowNumber);
      if ("problem" in selected) throw new UserError(selected.problem);
      const ledger = await api.getLedger(planId, selected.unit);
      const rowKey = rowKeyOf(selected, ledger.rows);
      if (!rowKey) throw new UserError(`服务器上「${selected.unit}」的台账中没有第${selected.no}项，请先刷新汇总。`);
      setPending({ selected, rowKey, verdict });
    });

  const confirm = () =>
    work.run(`正在标记${pending!.verdict}…`, async () => {
      const { selected, rowKey, verdict } = pending!;
      setPending(undefined);
      await api.reviewRow(planId, selected.unit, { rowKey, verdict, comment: comment.trim() });
      setComment("");
      setDone(`已将「${selected.unit}」第${selected.no}项标记为${verdict}；“汇总台账”在下次刷新汇总时更新。`);
    });

  return (
    <div className={styles.stack}>
      <Text className={styles.muted}>在“汇总台账”中选中一行，再点通过或退回。</Text>
      <Field label="意见">
        <Textarea value={comment} onChange={(_, d) => setComment(d.value)} resize="vertical" />
      </Field>
      <div className={styles.actions}>
        <Button disabled={!!work.busy} onClick={() => ask("通过")}>通过所选行</Button>
        <Button disabled={!!work.busy} onClick={() => ask("退回")}>退回所选行</Button>
      </div>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {done && <Notice intent="success">{done}</Notice>}
      <Dialog open={!!pending} onOpenChange={(_, d) => !d.open && setPending(undefined)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{`确认${pending?.verdict ?? ""}`}</DialogTitle>
            <DialogContent>
              {pending && `将「${pending.selected.unit}」第${pending.selected.no}项（${pending.selected.task.slice(0, 30)}）标记为${pending.verdict}${comment.trim() ? `，意见：${comment.trim()}` : ""}。单位联络员会在台账中看到。`}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={confirm}>{`确认${pending?.verdict ?? ""}`}</Button>
              <Button onClick={() => setPending(undefined)}>取消</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
