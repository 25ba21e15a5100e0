import { Button, Radio, RadioGroup, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import { preselectedSide, resolveRows, rowConflicts, type ChangedBy, type Side } from "../../../core/ledger/conflicts";
import type { LedgerRow } from "../../../core/ledger/schema";
import { headerOf } from "../../../core/sheet/columns";
import { usePaneStyles } from "../layout";
import type { NewerVersions } from "./words";

const shown = (row: LedgerRow | undefined, field: string) =>
  row ? String((row as Record<string, unknown>)[field] ?? "") || "（空）" : "（无此行）";

const useStyles = makeStyles({
  value: { display: "grid", gridTemplateColumns: "minmax(4.5em, auto) minmax(0, 1fr)", columnGap: tokens.spacingHorizontalS, overflowWrap: "anywhere" },
  field: { fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalXS },
});

/**
 * A 报送 refused because someone 报送 since this sheet's version: per row what differs, keep the sheet's or take
 * theirs, row by row or all at once. With `base` (the version the sheet was synced at) each row starts on the
 * side that changed it. `newer` names who that was: a colleague, or the clerk (a workbook closed unsaved).
 */
export function ConflictView(props: {
  mine: LedgerRow[];
  theirs: LedgerRow[];
  base?: LedgerRow[];
  newer: NewerVersions;
  busy: boolean;
  onResolve(rows: LedgerRow[]): void;
}) {
  const styles = usePaneStyles();
  const own = useStyles();
  const id = useId();
  const conflicts = rowConflicts(props.mine, props.theirs, props.base);
  const [choice, setChoice] = useState<Map<string, Side>>(() => new Map(conflicts.map((c) => [c.key, preselectedSide(c)])));
  const both = conflicts.filter((c) => c.changedBy === "both").length;
  const setAll = (side: Side) => setChoice(new Map(conflicts.map((c) => [c.key, side])));
  const { side } = props.newer;
  const changedBy: Record<ChangedBy, string> = {
    mine: "只有表格中改动过",
    theirs: `只有${side.replace(/的$/, "")}时改动过`,
    both: "双方都改动过，请确认",
    unknown: "",
  };

  return (
    <section className={styles.stack} aria-labelledby={`${id}-title`}>
      <Text as="h3" id={`${id}-title`} className={styles.heading}>报送前请对照</Text>
      <Text>
        {props.newer.own
          ? `台账系统中有${props.newer.title}，比表格中的新：表格可能在那次报送后没有保存。${conflicts.length} 行与表格中的不同。`
          : `${props.newer.title}比表格中的新，${conflicts.length} 行与表格中的不同。`}
        {props.base ? `已按改动的一方预选${both ? `，其中 ${both} 行双方都改动过，请逐行确认` : ""}：` : "请逐行选择保留哪一份："}
      </Text>
      <div className={styles.actions}>
        <Button size="small" onClick={() => setAll("mine")}>全部保留表格中的</Button>
        <Button size="small" onClick={() => setAll("theirs")}>{`全部采用${side}`}</Button>
      </div>
      <ul className={styles.fullList} aria-label="与表格不同的行">
        {conflicts.map((c) => {
          const row = c.mine ?? c.theirs!;
          const title = `序号 ${row.no}：${row.task.slice(0, 24)}`;
          return (
            <li key={c.key} className={styles.item} data-conflict={c.key} aria-labelledby={`${id}-${c.key}`}>
              <Text weight="semibold" className={styles.small} id={`${id}-${c.key}`} block>{title}</Text>
              {changedBy[c.changedBy] && <Text block italic className={styles.small}>{changedBy[c.changedBy]}</Text>}
              {c.fields.map((field) => (
                <div key={field} className={styles.small}>
                  <div className={own.field}>{headerOf(field)}</div>
                  <div className={own.value}><span>表格中：</span><span>{shown(c.mine, field)}</span></div>
                  <div className={own.value}><span>{`${side}：`}</span><span>{shown(c.theirs, field)}</span></div>
                </div>
              ))}
              <RadioGroup
                aria-labelledby={`${id}-${c.key}`}
                value={choice.get(c.key)}
                onChange={(_, d) => setChoice(new Map(choice).set(c.key, d.value as Side))}
              >
                <Radio value="mine" label="保留表格中的" />
                <Radio value="theirs" label={`采用${side}`} />
              </RadioGroup>
            </li>
          );
        })}
      </ul>
      <Button appearance="primary" disabled={props.busy} onClick={() => props.onResolve(resolveRows(props.mine, props.theirs, choice))}>
        按所选合并并报送
      </Button>
    </section>
  );
}
