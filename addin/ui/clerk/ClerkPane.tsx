import { Spinner, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { LedgerReply } from "../../api-client";
import { rowKeys } from "../../../core/ledger/row-key";
import type { LedgerRow } from "../../../core/ledger/schema";
import type { Plan } from "../../../core/plan/schema";
import { ErrorBar, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import type { LedgerBinding, ReviewsShown } from "../workbook-port";
import { CheckPanel } from "./CheckPanel";
import { PlanChange } from "./PlanChange";
import { ReviewNotes } from "./ReviewNotes";
import { StartLedger } from "./StartLedger";
import { SyncPanel } from "./SyncPanel";
import { TodoList } from "./TodoList";
import { newerAtOpen, reportedBy } from "./words";

/** `rows` with the office's review each row of the same key had in `before`. */
function keepReviews(rows: readonly LedgerRow[], before: readonly LedgerRow[]): LedgerRow[] {
  const beforeKeys = rowKeys(before);
  const reviews = new Map(before.flatMap((row, i) => (row.review ? [[beforeKeys[i]!, row.review] as const] : [])));
  return rowKeys(rows).map((key, i) => (reviews.has(key) && !rows[i]!.review ? { ...rows[i]!, review: reviews.get(key)! } : rows[i]!));
}

/** The workbook's 台账: what the workbook itself keeps, so the pane works before (and without) the server. */
interface Bound {
  binding: LedgerBinding;
  /** The plan the sheet was built on: kept with the workbook, or read from the server for an older workbook. */
  plan?: Plan;
  /** Just made by 新建台账: 统一填写 is offered before the first check. */
  fresh?: boolean;
}

/** What the server said when the pane last asked. */
interface Heard {
  /** The current plan, when it is newer than the sheet's. */
  newer?: Plan;
  ledger: LedgerReply;
  reviews?: ReviewsShown;
}

/**
 * The clerk's pane. It opens on what the workbook keeps (the binding and the plan the sheet was built on), then
 * asks the server for news: a newer plan, the office's reviews, who 报送 last. When the server cannot be reached
 * the 台账 stays in view, 检查 works, and one line says what failed with 重试.
 */
export function ClerkPane({ unit }: { unit: string }) {
  const styles = usePaneStyles();
  const { api, workbook, claims } = useServices();
  const opening = useWork();
  const server = useWork();
  const [loaded, setLoaded] = useState(false);
  const [bound, setBound] = useState<Bound>();
  const [heard, setHeard] = useState<Heard>();

  const hear = useCallback(
    (from: Bound) =>
      server.run("正在连接台账系统…", async () => {
        const { binding } = from;
        const latest = await api.getPlan(binding.planId);
        const plan = from.plan ?? ((latest.version ?? 0) === binding.planVersion ? latest : await api.getPlanVersion(binding.planId, binding.planVersion));
        if (!from.plan) setBound({ ...from, plan });
        const ledger = await api.getLedger(binding.planId, binding.unit);
        const reviews = ledger.rows.some((row) => row.review) ? await workbook.showReviews(plan, binding.unit, ledger.rows) : undefined;
        setHeard({ ledger, reviews, ...((latest.version ?? 0) > binding.planVersion ? { newer: latest } : {}) });
      }),
    [api, workbook],
  );

  const open = useCallback(
    () =>
      opening
        .run("正在读取工作簿…", async () => {
          const state = await workbook.readLedgerState();
          if (!state) return;
          const from = { binding: state.binding, plan: state.plan };
          setBound(from);
          setLoaded(true);
          await hear(from);
        })
        .finally(() => setLoaded(true)),
    [workbook, hear],
  );

  useEffect(() => {
    void open();
  }, [open]);

  if (!loaded) return <Spinner label="正在读取工作簿…" />;
  if (!bound) {
    return (
      <>
        <ErrorBar error={opening.error} onRetry={() => void open()} />
        <StartLedger
          unit={unit}
          onBound={(binding, plan) => {
            const from = { binding, plan, fresh: binding.version === 0 };
            setBound(from);
            setHeard(undefined);
            // A new or adopted 台账 hears the server's news as an opened one does: a colleague's 报送, the 待办.
            void hear(from);
          }}
        />
      </>
    );
  }

  const { binding, plan } = bound;
  const ledger = heard?.ledger;
  const status = !ledger
    ? binding.version === 0 ? "尚未报送" : binding.reportedAt && binding.reportedBy ? `最近一次：${reportedBy(binding.reportedBy, binding.reportedAt)}` : "已报送过"
    : ledger.version === 0 ? "尚未报送" : ledger.updatedAt && ledger.updatedBy ? `最近一次：${reportedBy(ledger.updatedBy, ledger.updatedAt)}` : "已报送过";
  const behind = ledger && ledger.version > binding.version;
  const synced = (next: LedgerBinding, reply: LedgerReply, changed: string[]) => {
    // A 报送's reply carries the rows as sent; the office's reviews stay on the server under the rows' keys.
    const rows = keepReviews(reply.rows, ledger?.rows ?? []);
    setBound({ binding: next, plan });
    setHeard((before) => ({ ...before, ledger: { ...reply, rows } }));
    if (plan && rows.some((row) => row.review)) {
      // The marks follow the 报送; a workbook that cannot take them now gets them at the next open.
      void workbook.showReviews(plan, next.unit, rows, changed).then(
        (reviews) => setHeard((before) => before && { ...before, reviews }),
        (error: unknown) => console.warn("taizhang: reviews not marked", error),
      );
    }
  };
  const planApplied = (next: LedgerBinding, newPlan: Plan) => {
    setBound({ binding: next, plan: newPlan });
    setHeard((before) => before && { ledger: before.ledger, reviews: before.reviews });
  };

  return (
    <div className={styles.stack}>
      <section className={styles.stack} aria-labelledby="ledger-heading">
        <Text as="h2" id="ledger-heading" className={styles.heading}>{`${binding.unit}的台账`}</Text>
        <Text className={styles.small}>{plan ? plan.title : "方案读取中"}</Text>
        <Text className={styles.small}>{`报送情况：${status}`}</Text>
        {behind && ledger.updatedAt && ledger.updatedBy && (
          <Text className={styles.small}>{newerAtOpen(ledger.updatedBy, ledger.updatedAt, claims)}</Text>
        )}
      </section>
      {server.busy && <Spinner size="tiny" label={server.busy} labelPosition="after" />}
      <ErrorBar error={opening.error ?? server.error} onRetry={() => void (opening.error ? open() : hear(bound))} retryLabel="重试" />
      {server.error !== undefined && plan && <Text className={styles.small}>表格中的台账照常可用：检查不需要联网，报送请在联网后进行。</Text>}
      {heard?.newer && plan && (
        <PlanChange before={plan} after={heard.newer} binding={binding} onApplied={planApplied} />
      )}
      <ReviewNotes shown={heard?.reviews} />
      {/* The clerk's 待办 (issue 15), between news and work; offline, the one line above already says why it is missing. */}
      {heard && !server.error && <TodoList key={binding.version} planId={binding.planId} unit={binding.unit} />}
      {plan ? (
        <>
          <CheckPanel plan={plan} unit={binding.unit} fresh={bound.fresh} />
          <SyncPanel plan={plan} binding={binding} serverRows={ledger?.rows ?? []} onSynced={synced} onPlanApplied={planApplied} />
        </>
      ) : (
        server.busy === undefined && <Text>本工作簿没有保存方案，检查和报送需要先连接台账系统取回方案，请联网后点“重试”。</Text>
      )}
    </div>
  );
}
