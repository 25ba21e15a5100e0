import { Button, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useState } from "react";
import { preselectedSide, resolveRows, rowConflicts, type ChangedBy, type Side } from "../../../core/ledger/conflicts";
import type { LedgerRow } from "../../../core/ledger/schema";
import { LEDGER_COLUMNS } from "../../../core/sheet/columns";
import { usePaneStyles } from "../layout";

const shown = (row: LedgerRow | undefined, field: string) =>
  row ? String((row as Record<string, unknown>)[field] ?? "") : "（无此行）";

const CHANGED_BY: Record<ChangedBy, string> = {
  mine: "只有您改动过",
  theirs: "只有服务器上有新改动",
  both: "双方都改动过，请确认",
  unknown: "",
};

/**
 * The 409 view: per row what differs, keep mine or theirs, row by row or all at once. With `base` (the version the
 * sheet was synced at) each row starts on the side that changed it.
 */
export function ConflictView(props: {
  mine: LedgerRow[];
  theirs: LedgerRow[];
  base?: LedgerRow[];
  busy: boolean;
  onResolve(rows: LedgerRow[]): void;
}) {
  const styles = usePaneStyles();
  const conflicts = rowConflicts(props.mine, props.theirs, props.base);
  const [choice, setChoice] = useState<Map<string, Side>>(() => new Map(conflicts.map((c) => [c.key, preselectedSide(c)])));
  const both = conflicts.filter((c) => c.changedBy === "both").length;
  const setAll = (side: Side) => setChoice(new Map(conflicts.map((c) => [c.key, side])));

  return (
    <div className={styles.stack} aria-label="同步冲突">
      <Text>
        {`服务器上的台账已被他人更新，${conflicts.length} 行与您的不同。`}
        {props.base ? `已按改动的一方预选${both ? `，其中 ${both} 行双方都改动过，请逐行确认` : ""}：` : "请逐行选择保留哪一份："}
      </Text>
      <div className={styles.actions}>
        <Button size="small" onClick={() => setAll("mine")}>全部保留我的</Button>
        <Button size="small" onClick={() => setAll("theirs")}>全部采用服务器的</Button>
      </div>
      <div className={styles.list}>
        {conflicts.map((c) => {
          const row = c.mine ?? c.theirs!;
          return (
            <div key={c.key} className={styles.item} data-conflict={c.key}>
              <Text weight="semibold" className={styles.small}>{`序号 ${row.no}：${row.task.slice(0, 24)}`}</Text>
              {CHANGED_BY[c.changedBy] && <Text block italic className={styles.small}>{CHANGED_BY[c.changedBy]}</Text>}
              {c.fields.map((field) => (
                <div key={field} className={styles.small}>
                  <div>{`${LEDGER_COLUMNS.find((col) => col.field === field)?.header ?? field}`}</div>
                  <div>我的：{shown(c.mine, field) || "（空）"}</div>
                  <div>服务器：{shown(c.theirs, field) || "（空）"}</div>
                </div>
              ))}
              <RadioGroup
                layout="horizontal"
                value={choice.get(c.key)}
                onChange={(_, d) => setChoice(new Map(choice).set(c.key, d.value as Side))}
              >
                <Radio value="mine" label="保留我的" />
                <Radio value="theirs" label="采用服务器的" />
              </RadioGroup>
            </div>
          );
        })}
      </div>
      <Button appearance="primary" disabled={props.busy} onClick={() => props.onResolve(resolveRows(props.mine, props.theirs, choice))}>
        按所选合并并同步
      </Button>
    </div>
  );
}
