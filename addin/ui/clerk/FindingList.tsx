import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../../../core/ledger/schema";
import { headerOf } from "../../../core/sheet/columns";
import { usePaneStyles } from "../layout";
import type { SheetRows } from "../workbook-port";

const useStyles = makeStyles({
  finding: { justifyContent: "flex-start", textAlign: "left", height: "auto", minWidth: 0, paddingLeft: 0, paddingRight: 0, fontWeight: tokens.fontWeightRegular },
  badge: { flexShrink: 0, marginRight: tokens.spacingHorizontalXS },
  group: { margin: 0, padding: 0, listStyleType: "none" },
});

export const SEVERITY_WORDS: Record<Finding["severity"], string> = { error: "错误", warning: "提醒" };

/** "第 4 行（序号 2）", or 整张表 for a finding about the sheet. */
export function rowTitle(row: number | null, sheet: Pick<SheetRows, "places" | "rows">): string {
  if (row === null) return "整张表";
  return `第 ${sheet.places.sheetRows[row] ?? row + 1} 行（序号 ${String(sheet.rows[row]?.no ?? "?")}）`;
}

/**
 * Findings by row, as a list of lists a screen reader can walk: each says its severity in words (错误 / 提醒, not
 * only a colour) and its column, and clicking one selects its cell in the sheet.
 */
export function FindingList(props: { label: string; findings: readonly Finding[]; sheet: Pick<SheetRows, "places" | "rows" | "labels">; onSelect(finding: Finding): void }) {
  const styles = usePaneStyles();
  const own = useStyles();
  const groups = new Map<number | null, Finding[]>();
  for (const finding of props.findings) groups.set(finding.row, [...(groups.get(finding.row) ?? []), finding]);
  return (
    <ul className={styles.fullList} aria-label={props.label}>
      {[...groups].map(([row, findings]) => {
        const title = rowTitle(row, props.sheet);
        return (
          <li key={String(row)} className={styles.item} aria-label={title}>
            <div className={styles.small} style={{ fontWeight: 600 }}>{title}</div>
            <ul className={own.group}>
              {findings.map((finding, i) => {
                const column = finding.column ? (props.sheet.labels[finding.column] ?? headerOf(finding.column)) : row === null ? "整张表" : "整行";
                return (
                  <li key={i}>
                    <Button appearance="transparent" size="small" className={own.finding} onClick={() => props.onSelect(finding)}>
                      <Badge size="small" appearance="tint" color={finding.severity === "error" ? "danger" : "warning"} className={own.badge}>
                        {`${SEVERITY_WORDS[finding.severity]} · ${column}`}
                      </Badge>
                      {finding.message}
                    </Button>
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
