import { Badge, Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { Finding } from "../../../core/ledger/schema";
import type { Plan } from "../../../core/plan/schema";
import { headerOf } from "../../../core/sheet/columns";
import { Busy, ErrorBar, Notice, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import type { SheetRows } from "../workbook-port";

/** 检查: re-reads the sheet (Excel's own validation does not fire on paste), marks cells, lists findings by row. */
export function CheckPanel({ plan, unit }: { plan: Plan; unit: string }) {
  const styles = usePaneStyles();
  const { workbook, validate } = useServices();
  const work = useWork();
  const [result, setResult] = useState<{ findings: Finding[]; sheet: SheetRows }>();

  const check = () =>
    work.run("正在检查台账…", async () => {
      const sheet = await workbook.readRows(plan, unit);
      const { findings } = validate(plan, unit, sheet);
      await workbook.markFindings(findings, sheet.places);
      setResult({ findings, sheet });
    });

  const groups = new Map<number | null, Finding[]>();
  for (const finding of result?.findings ?? []) groups.set(finding.row, [...(groups.get(finding.row) ?? []), finding]);
  const errors = result?.findings.filter((f) => f.severity === "error").length ?? 0;

  return (
    <div className={styles.stack}>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={check} disabled={!!work.busy}>检查</Button>
      </div>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {result && result.findings.length === 0 && <Notice intent="success" title="检查通过">{`${result.sheet.rows.length} 行均无问题，单元格上的检查标记已清除。`}</Notice>}
      {result && result.findings.length > 0 && (
        <>
          <Notice intent={errors ? "warning" : "info"} title="检查结果">
            {`${errors} 处错误，${result.findings.length - errors} 处提醒。点击一条可跳到对应单元格；改正后再点“检查”。`}
          </Notice>
          <div className={styles.list} aria-label="检查结果">
            {[...groups].map(([row, findings]) => (
              <div key={String(row)} className={styles.item}>
                <Text weight="semibold" className={styles.small}>
                  {row === null ? "整张表" : `第 ${result.sheet.places.sheetRows[row] ?? row + 1} 行（序号 ${String(result.sheet.rows[row]?.no ?? "?")}）`}
                </Text>
                {findings.map((finding, i) => (
                  <Button
                    key={i}
                    appearance="transparent"
                    size="small"
                    style={{ justifyContent: "flex-start", textAlign: "left", height: "auto" }}
                    onClick={() => void work.run("正在定位…", () => workbook.selectFinding(finding, result.sheet.places))}
                  >
                    <Badge size="small" color={finding.severity === "error" ? "danger" : "warning"} style={{ flexShrink: 0 }}>
                      {finding.column ? (result.sheet.labels[finding.column] ?? headerOf(finding.column)) : row === null ? "整张表" : "整行"}
                    </Badge>
                    &nbsp;{finding.message}
                  </Button>
                ))}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
