import { Button } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { ApiError, conflictOf, rejectedFindings, type LedgerReply } from "../../api-client";
import type { LedgerRow } from "../../../core/ledger/schema";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import type { LedgerBinding } from "../workbook-port";
import { ConflictView } from "./ConflictView";

type State =
  | { kind: "idle" }
  | { kind: "synced"; version: number; rows: number; skipped: number }
  | { kind: "waiting"; reason: string }
  | { kind: "conflict"; mine: LedgerRow[]; theirs: { version: number; rows: LedgerRow[] }; base?: LedgerRow[] };

/**
 * 同步: sends the sheet's rows with the version they were based on. The sheet stays the truth: offline, the
 * sync waits; on 409 the clerk chooses per row; the server's accepted rows are written back in one go.
 */
export function SyncPanel(props: { plan: Plan; binding: LedgerBinding; onSynced(binding: LedgerBinding, reply: LedgerReply): void }) {
  const styles = usePaneStyles();
  const { api, workbook, validate } = useServices();
  const work = useWork();
  const [state, setState] = useState<State>({ kind: "idle" });
  // One key per content sent, reused on retry, so a sync that reached the server before the line dropped applies once.
  const pending = useRef<{ body: string; key: string }>(undefined);

  const send = async (rows: LedgerRow[], baseVersion: number) => {
    const put = { baseVersion, planVersion: props.binding.planVersion || undefined, rows };
    const body = JSON.stringify(put);
    if (pending.current?.body !== body) pending.current = { body, key: crypto.randomUUID() };
    try {
      const reply = await api.putLedger(props.binding.planId, props.binding.unit, put, pending.current.key);
      pending.current = undefined;
      const binding = { ...props.binding, version: reply.version };
      const { skipped } = await workbook.applyServerRows(props.plan, reply.rows, binding);
      setState({ kind: "synced", version: reply.version, rows: reply.rows.length, skipped });
      props.onSynced(binding, reply);
    } catch (error) {
      const theirs = conflictOf(error);
      if (theirs) {
        pending.current = undefined;
        // The version this sheet started from tells who changed each row; without it every row starts on "mine".
        const base = baseVersion > 0
          ? await api.getLedgerVersion(props.binding.planId, props.binding.unit, baseVersion).then((r) => r.rows, () => undefined)
          : undefined;
        return setState({ kind: "conflict", mine: rows, theirs, base });
      }
      const findings = rejectedFindings(error);
      if (findings) throw new UserError(`服务器检查未通过，未保存：${findings.filter((f) => f.severity === "error").map((f) => f.message).join("；")}`);
      if (error instanceof ApiError && (error.kind === "offline" || error.kind === "timeout")) {
        return setState({ kind: "waiting", reason: error.message });
      }
      throw error;
    }
  };

  const sync = () =>
    work.run("正在同步…", async () => {
      setState({ kind: "idle" });
      // The server runs the same check and refuses errors whole; saying so before sending names the rows.
      const { findings, rows } = validate(props.plan, props.binding.unit, await workbook.readRows(props.plan, props.binding.unit));
      const errors = findings.filter((f) => f.severity === "error");
      if (errors.length) throw new UserError(`台账有 ${errors.length} 处错误，请先点“检查”并改正后再同步（${errors[0]!.message}）`);
      await send(rows.filter((row): row is LedgerRow => row !== undefined), props.binding.version);
    });

  const resolve = (rows: LedgerRow[]) =>
    work.run("正在合并并同步…", async () => {
      if (state.kind !== "conflict") return;
      await send(rows, state.theirs.version);
    });

  return (
    <div className={styles.stack}>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={sync} disabled={!!work.busy}>
          {state.kind === "waiting" ? "重试同步" : "同步"}
        </Button>
      </div>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {state.kind === "synced" && <Notice intent="success" title="已同步">{`服务器已保存第 ${state.version} 版，共 ${state.rows} 行。`}</Notice>}
      {state.kind === "synced" && state.skipped > 0 && (
        <Notice intent="warning" title="有合并单元格未改写">
          {`服务器上有 ${state.skipped} 个单元格与表格不同，但它们在合并单元格中，为保留您的合并没有改写，请对照核对。`}
        </Notice>
      )}
      {state.kind === "waiting" && (
        <Notice intent="warning" title="同步等待中">
          {`${state.reason} 表格中的内容就是您的台账，不会丢失；联网后点“重试同步”。`}
        </Notice>
      )}
      {state.kind === "conflict" && (
        <ConflictView mine={state.mine} theirs={state.theirs.rows} base={state.base} busy={!!work.busy} onResolve={resolve} />
      )}
    </div>
  );
}
