import { Button, Text } from "@fluentui/react-components";
import { Busy, ErrorBar, Notice, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import { useState } from "react";

/** Hands a file to the browser as a download (Excel on the web and the desktop task pane both take it). */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** 通报 and 年度报告: Word documents (and a table) from the plan's data as of today, for the office to edit and issue. */
export function DocumentsPanel({ planId, year }: { planId: string; year: number }) {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [done, setDone] = useState<string>();
  const get = (label: string, name: string, fetch: () => Promise<Blob>) =>
    work.run(`正在生成${label}…`, async () => {
      save(await fetch(), name);
      setDone(`已生成“${name}”，请在下载中打开。`);
    });
  return (
    <div className={styles.stack}>
      <Text className={styles.muted}>按截至今天的台账数据生成，下载后可在 Word 中修改、印发。</Text>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!!work.busy} onClick={() => get("通报", `${year}年政务公开工作任务落实情况的通报.docx`, () => api.downloadBulletin(planId))}>下载通报</Button>
        <Button disabled={!!work.busy} onClick={() => get("年度报告章节", `${year}年政务公开工作要点落实情况.docx`, () => api.downloadAnnualReport(planId, "docx"))}>年度报告章节（Word）</Button>
        <Button disabled={!!work.busy} onClick={() => get("年度报告表格", `${year}年政务公开工作要点落实情况.xlsx`, () => api.downloadAnnualReport(planId, "xlsx"))}>年度报告表格（Excel）</Button>
      </div>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {done && <Notice intent="success">{done}</Notice>}
    </div>
  );
}
