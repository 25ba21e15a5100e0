import { Button, Text } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { ApiError, conflictOf, newerPlanOf, rejectedFindings, type LedgerReply } from "../../api-client";
import { chinaTime } from "../../../core/dates";
import { rowConflicts } from "../../../core/ledger/conflicts";
import type { Finding, LedgerRow } from "../../../core/ledger/schema";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, Notice, useSay, useWork, type Step } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import type { Applied, LedgerBinding, SheetRows } from "../workbook-port";
import { ConflictView } from "./ConflictView";
import { FindingList } from "./FindingList";
import { PlanChange } from "./PlanChange";
import { newerVersions, type NewerVersions } from "./words";

type State =
  | { kind: "idle" }
  | { kind: "sent"; at: string; rows: number; applied: Applied }
  /** The sheet has errors (found here, or by the server's same check): nothing was sent. */
  | { kind: "errors"; findings: Finding[]; sheet?: SheetRows; server: boolean }
  | { kind: "waiting"; error: ApiError }
  | { kind: "conflict"; mine: LedgerRow[]; theirs: { version: number; rows: LedgerRow[] }; base?: LedgerRow[]; newer: NewerVersions }
  | { kind: "plan-changed"; newer: Plan };

/**
 * 报送: sends the sheet's rows with the version they were based on. The sheet stays the truth: offline, the 报送
 * waits; when someone 报送 since, the clerk chooses per row; when the office published a newer plan, the clerk
 * applies it first; the accepted rows are written back in one go.
 */
export function SyncPanel(props: {
  plan: Plan;
  binding: LedgerBinding;
  /** The rows the server held when the pane last heard (with the office's reviews), to tell which rows this 报送 changes. */
  serverRows: readonly LedgerRow[];
  onSynced(binding: LedgerBinding, reply: LedgerReply, changed: string[]): void;
  onPlanApplied(binding: LedgerBinding, plan: Plan): void;
}) {
  const styles = usePaneStyles();
  const { api, workbook, validate, claims } = useServices();
  const work = useWork();
  const say = useSay();
  const [state, setState] = useState<State>({ kind: "idle" });
  // One key per content sent, reused on retry, so a 报送 that reached the server before the line dropped applies once.
  const pending = useRef<{ body: string; key: string }>(undefined);
  const { planId, unit } = props.binding;

  /**
   * Sends `rows`. `from`: the sheet they were read from, and the sheet row of each, so the server's findings (a 422)
   * can be clicked to their cells as 检查's are.
   */
  const send = async (rows: LedgerRow[], baseVersion: number, step: Step, from?: { sheet: SheetRows; index: number[] }) => {
    const put = { baseVersion, planVersion: props.binding.planVersion || undefined, rows };
    const body = JSON.stringify(put);
    if (pending.current?.body !== body) pending.current = { body, key: crypto.randomUUID() };
    step(`正在报送 ${rows.length} 行…（第 2 步，共 3 步）`, 1, 3);
    try {
      const reply = await api.putLedger(planId, unit, put, pending.current.key);
      pending.current = undefined;
      const binding: LedgerBinding = { ...props.binding, version: reply.version, reportedAt: reply.updatedAt, reportedBy: reply.updatedBy };
      step("正在把报送结果写回表格…（第 3 步，共 3 步）", 2, 3);
      const applied = await workbook.applyServerRows(props.plan, reply.rows, binding, (done, total) => step(`已写回 ${done} / ${total} 行（第 3 步，共 3 步）`, 2 + done / Math.max(total, 1), 3));
      const at = reply.updatedAt ?? new Date().toISOString();
      setState({ kind: "sent", at, rows: reply.rows.length, applied });
      say(`已报送 ${reply.rows.length} 行。`);
      props.onSynced(binding, reply, rowConflicts(rows, [...props.serverRows]).map((c) => c.key));
    } catch (error) {
      const theirs = conflictOf(error);
      if (theirs) {
        pending.current = undefined;
        step("同事已报送了更新的台账，正在取来对照…");
        // The version this sheet started from tells who changed each row; the history, who 报送 since.
        const [base, history] = await Promise.all([
          baseVersion > 0 ? api.getLedgerVersion(planId, unit, baseVersion).then((r) => r.rows, () => undefined) : Promise.resolve(undefined),
          api.getHistory(planId, unit).then((h) => h.versions, () => []),
        ]);
        const newer = newerVersions(history, baseVersion, claims);
        say(`${newer.title}比表格中的新，请对照后再报送。`);
        return setState({ kind: "conflict", mine: rows, theirs, base, newer });
      }
      if (newerPlanOf(error) !== undefined) {
        pending.current = undefined;
        const newer = await api.getPlan(planId);
        say("方案已更新，请先应用更新，再报送。");
        return setState({ kind: "plan-changed", newer });
      }
      const findings = rejectedFindings(error);
      if (findings) {
        const errors = findings.filter((f) => f.severity === "error");
        say(`台账系统检查出 ${errors.length} 处错误，未保存。`);
        if (!from) return setState({ kind: "errors", findings: errors, server: true });
        // The server numbers rows as they were sent (第1行 …); the clerk knows them by the sheet's own rows.
        const onSheet = errors.map((f) => {
          const row = f.row === null ? null : from.index[f.row] ?? null;
          const sheetRow = row === null ? undefined : from.sheet.places.sheetRows[row];
          return { ...f, row, message: sheetRow === undefined ? f.message : f.message.replace(`第${f.row! + 1}行`, `第${sheetRow}行`) };
        });
        return setState({ kind: "errors", findings: onSheet, sheet: from.sheet, server: true });
      }
      if (error instanceof ApiError && (error.kind === "offline" || error.kind === "timeout")) return setState({ kind: "waiting", error });
      throw error;
    }
  };

  const sync = () =>
    work.run("正在报送…", async (step) => {
      setState({ kind: "idle" });
      step("正在读取表格…（第 1 步，共 3 步）", 0, 3);
      // The server runs the same check and refuses errors whole; saying so before sending names the rows.
      const sheet = await workbook.readRows(props.plan, unit);
      const { findings, rows } = validate(props.plan, unit, sheet);
      const errors = findings.filter((f) => f.severity === "error");
      // The sheet's marks follow what is sent: an earlier 检查's marks of cells fixed since go.
      await workbook.markFindings(findings, sheet.places);
      if (errors.length) {
        say(`台账有 ${errors.length} 处错误，未报送。`);
        return setState({ kind: "errors", findings: errors, sheet, server: false });
      }
      const index = rows.flatMap((row, i) => (row ? [i] : []));
      await send(rows.filter((row): row is LedgerRow => row !== undefined), props.binding.version, step, { sheet, index });
    });

  const resolve = (rows: LedgerRow[]) =>
    work.run("正在合并并报送…", async (step) => {
      if (state.kind !== "conflict") return;
      await send(rows, state.theirs.version, step);
    });

  return (
    <section className={styles.section} aria-labelledby="sync-heading">
      <Text as="h2" id="sync-heading" className={styles.heading}>报送</Text>
      <Text className={styles.small}>把表格中的台账报送给办公室；报送前会先检查。</Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={sync} disabled={!!work.busy}>
          {state.kind === "waiting" ? "重试报送" : "报送"}
        </Button>
      </div>
      <Busy label={work.busy} progress={work.progress} />
      <ErrorBar error={work.error} onRetry={sync} retryLabel="重试报送" />
      {state.kind === "sent" && <Notice intent="success" title="已报送">{`${chinaTime(state.at)} 报送 ${state.rows} 行，办公室已可看到。`}</Notice>}
      {state.kind === "sent" && state.applied.unfiltered && (
        <Notice intent="info" title="已取消筛选">为写回全部行，台账表格的筛选已取消；需要时请重新筛选。</Notice>
      )}
      {state.kind === "sent" && state.applied.skipped > 0 && (
        <Notice intent="warning" title="有合并单元格未改写">
          {`报送后的内容有 ${state.applied.skipped} 个单元格与表格不同，但它们在合并单元格中，为保留您的合并没有改写，请对照核对。`}
        </Notice>
      )}
      {state.kind === "errors" && (
        <>
          <Notice intent="warning" title="未报送">
            {state.server
              ? `台账系统检查出 ${state.findings.length} 处错误，未保存。请改正后再报送：`
              : `台账有 ${state.findings.length} 处错误，须改正后才能报送。点击一条可跳到对应单元格：`}
          </Notice>
          {state.sheet ? (
            <FindingList label="报送前须改正" findings={state.findings} sheet={state.sheet} onSelect={(f) => void work.run("正在定位…", () => workbook.selectFinding(f, state.sheet!.places))} />
          ) : (
            <ul className={styles.fullList} aria-label="报送前须改正">
              {state.findings.map((f, i) => <li key={i} className={`${styles.item} ${styles.small}`}>{`错误：${f.message}`}</li>)}
            </ul>
          )}
        </>
      )}
      {state.kind === "waiting" && (
        <Notice intent="warning" title="暂未报送">
          {state.error.message}
        </Notice>
      )}
      {state.kind === "conflict" && (
        <ConflictView mine={state.mine} theirs={state.theirs.rows} base={state.base} newer={state.newer} busy={!!work.busy} onResolve={resolve} />
      )}
      {state.kind === "plan-changed" && (
        <PlanChange
          before={props.plan}
          after={state.newer}
          binding={props.binding}
          during="报送"
          onApplied={(binding, plan) => props.onPlanApplied(binding, plan)}
        />
      )}
    </section>
  );
}
