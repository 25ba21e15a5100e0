import { Button, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useState } from "react";
import { rowKeys } from "../../../core/ledger/row-key";
import type { LedgerRow } from "../../../core/ledger/schema";
import { LEDGER_COLUMNS } from "../../../core/sheet/columns";
import { usePaneStyles } from "../layout";

type Side = "mine" | "theirs";

export interface RowConflict {
  key: string;
  mine?: LedgerRow;
  theirs?: LedgerRow;
  /** The columns whose values differ. */
  fields: string[];
}

const shown = (row: LedgerRow | undefined, field: string) =>
  row ? String((row as Record<string, unknown>)[field] ?? "") : "（无此行）";

/** Rows paired by task (rowKeys), only those that differ; equal rows need no choice. */
export function rowConflicts(mine: LedgerRow[], theirs: LedgerRow[]): RowConflict[] {
  const mineByKey = new Map(rowKeys(mine).map((k, i) => [k, mine[i]!]));
  const theirsByKey = new Map(rowKeys(theirs).map((k, i) => [k, theirs[i]!]));
  const keys = [...new Set([...mineByKey.keys(), ...theirsByKey.keys()])];
  return keys.flatMap((key) => {
    const a = mineByKey.get(key), b = theirsByKey.get(key);
    const fields = LEDGER_COLUMNS.map((c) => c.field).filter((f) => !a || !b || shown(a, f) !== shown(b, f));
    return fields.length ? [{ key, mine: a, theirs: b, fields: a && b ? fields : ["task"] }] : [];
  });
}

/** The rows to send after the clerk chose: the sheet's order, each differing row from the chosen side. */
export function resolveRows(mine: LedgerRow[], theirs: LedgerRow[], choice: ReadonlyMap<string, Side>): LedgerRow[] {
  const mineKeys = rowKeys(mine), theirKeys = rowKeys(theirs);
  const theirsByKey = new Map(theirKeys.map((k, i) => [k, theirs[i]!]));
  const mineKeySet = new Set(mineKeys);
  const rows: LedgerRow[] = [];
  mineKeys.forEach((key, i) => {
    if (choice.get(key) !== "theirs") rows.push(mine[i]!);
    else if (theirsByKey.has(key)) rows.push(theirsByKey.get(key)!);
  });
  theirKeys.forEach((key, i) => {
    if (!mineKeySet.has(key) && choice.get(key) === "theirs") rows.push(theirs[i]!);
  });
  return rows;
}

/** The 409 view: per row what differs, keep mine or theirs, row by row or all at once. */
export function ConflictView(props: {
  mine: LedgerRow[];
  theirs: LedgerRow[];
  busy: boolean;
  onResolve(rows: LedgerRow[]): void;
}) {
  const styles = usePaneStyles();
  const conflicts = rowConflicts(props.mine, props.theirs);
  const [choice, setChoice] = useState<Map<string, Side>>(() => new Map(conflicts.map((c) => [c.key, "mine"])));
  const setAll = (side: Side) => setChoice(new Map(conflicts.map((c) => [c.key, side])));

  return (
    <div className={styles.stack} aria-label="同步冲突">
      <Text>{`服务器上的台账已被他人更新，${conflicts.length} 行与您的不同。请逐行选择保留哪一份：`}</Text>
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
