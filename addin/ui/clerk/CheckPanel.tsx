import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { Finding } from "../../../core/ledger/schema";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, Notice, useSay, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import type { SheetRows } from "../workbook-port";
import { FillBlanks, type Blanks } from "./FillBlanks";
import { FindingList } from "./FindingList";

/** Blank 责任科室 and 分管领导 among the findings: what 统一填写 would fill. */
export function blanksOf(findings: readonly Finding[]): Blanks {
  return {
    office: findings.filter((f) => f.code === "office-empty").length,
    leader: findings.filter((f) => f.code === "leader-empty").length,
  };
}

/**
 * 检查: re-reads the sheet (Excel's own validation does not fire on paste), marks cells, lists findings by row. It
 * needs only the workbook and the plan kept with it, so it works without the server. `fresh`: a ledger just made,
 * whose 责任科室 and 分管领导 are blank on every row, gets 统一填写 before the first check.
 */
export function CheckPanel({ plan, unit, fresh }: { plan: Plan; unit: string; fresh?: boolean }) {
  const styles = usePaneStyles();
  const { workbook, validate } = useServices();
  const work = useWork();
  const say = useSay();
  const [result, setResult] = useState<{ findings: Finding[]; sheet: SheetRows }>();
  /** What 统一填写 just wrote, said until the clerk checks again. */
  const [filled, setFilled] = useState<string>();

  const check = (after?: string) =>
    work.run("正在检查台账…", async (step) => {
      setFilled(after);
      const sheet = await workbook.readRows(plan, unit);
      step(`正在检查 ${sheet.rows.length} 行…`);
      const { findings } = validate(plan, unit, sheet);
      step(`正在标记 ${findings.length} 处问题…`);
      await workbook.markFindings(findings, sheet.places);
      setResult({ findings, sheet });
      const errors = findings.filter((f) => f.severity === "error").length;
      say(findings.length === 0 ? `检查通过：${sheet.rows.length} 行均无问题。` : `检查完成：${errors} 处错误，${findings.length - errors} 处提醒。`);
    });

  const errors = result?.findings.filter((f) => f.severity === "error").length ?? 0;
  const blanks = result ? blanksOf(result.findings) : fresh ? { office: 0, leader: 0 } : undefined;

  return (
    <section className={styles.section} aria-labelledby="check-heading">
      <Text as="h2" id="check-heading" className={styles.heading}>检查</Text>
      <Text className={styles.small}>核对每一行是否按方案填写完整；不联网也可以检查。</Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void check()} disabled={!!work.busy}>检查</Button>
      </div>
      <Busy label={work.busy} progress={work.progress} />
      <ErrorBar error={work.error} onRetry={() => void check()} />
      {filled && <Notice intent="success" title="已统一填写">{filled}</Notice>}
      {result && result.findings.length === 0 && <Notice intent="success" title="检查通过">{`${result.sheet.rows.length} 行均无问题，单元格上的检查标记已清除。`}</Notice>}
      {result && result.findings.length > 0 && (
        <Notice intent={errors ? "warning" : "info"} title="检查结果">
          {`${errors} 处错误，${result.findings.length - errors} 处提醒。错误须改正后才能报送；点击一条可跳到对应单元格，改正后再点“检查”。`}
        </Notice>
      )}
      {blanks && (blanks.office > 0 || blanks.leader > 0 || (fresh && !result)) && (
        <FillBlanks plan={plan} unit={unit} blanks={blanks} onFilled={(said) => void check(said)} />
      )}
      {result && result.findings.length > 0 && (
        <>
          <FindingList
            label="检查结果"
            findings={result.findings}
            sheet={result.sheet}
            onSelect={(finding) => void work.run("正在定位…", () => workbook.selectFinding(finding, result.sheet.places))}
          />
        </>
      )}
    </section>
  );
}
