import { Button, Text } from "@fluentui/react-components";
import { useId, useState } from "react";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, Notice, useSay, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import type { LedgerBinding } from "../workbook-port";
import { planChangeLines } from "./words";

/**
 * The office published a newer plan than the one the sheet was built on (seen at open, or as the server's refusal
 * of a 报送): what changes for this unit, and 应用更新, which rewrites only the task columns and keeps what the
 * clerk filled. After it, the same lines say what was done.
 */
export function PlanChange(props: { before: Plan; after: Plan; binding: LedgerBinding; during?: "报送"; onApplied(binding: LedgerBinding, plan: Plan): void }) {
  const styles = usePaneStyles();
  const { workbook } = useServices();
  const work = useWork();
  const say = useSay();
  /** What was applied, said in the lines of the plans as they were (the parent moves on to the new plan). */
  const [applied, setApplied] = useState<string[]>();
  const heading = useId();
  const lines = planChangeLines(props.before, props.after, props.binding.unit);

  const apply = () =>
    work.run("正在按新方案更新表格…", async (step) => {
      const binding = await workbook.applyPlanUpdate(props.before, props.after, props.binding.unit, (done, total) => step(`已写入 ${done} / ${total} 行`, done, total));
      setApplied(lines);
      say(`已按新方案更新表格。${lines.join("；")}`);
      props.onApplied(binding, props.after);
    });

  if (applied) {
    return (
      <Notice intent="success" title="已按新方案更新表格">
        {`${applied.length ? applied.join("；") : "本单位承担的任务没有变化"}。请检查后再报送。`}
      </Notice>
    );
  }
  return (
    <section className={styles.stack} aria-labelledby={heading}>
      <Notice
        intent="info"
        title={props.during ? "报送前请先应用新方案" : "办公室发布了新版方案"}
        actions={<Button size="small" appearance="primary" disabled={!!work.busy} onClick={apply}>应用更新</Button>}
      >
        <Text as="h2" id={heading} className={styles.small} style={{ fontWeight: 600, display: "block" }}>
          {props.during ? "台账系统中的方案已更新，表格仍按旧方案填写，暂未报送。" : "方案有更新，对本单位的影响："}
        </Text>
        {lines.length ? (
          <ul className={styles.small} style={{ margin: 0, paddingLeft: "1.2em" }}>
            {lines.map((line) => <li key={line}>{line}</li>)}
          </ul>
        ) : (
          <Text className={styles.small}>本单位承担的任务没有变化。</Text>
        )}
        <Text className={styles.small} block>应用更新只改任务、时限等列，已填写的措施、进展等不受影响。</Text>
      </Notice>
      <Busy label={work.busy} progress={work.progress} />
      <ErrorBar error={work.error} onRetry={apply} />
    </section>
  );
}
