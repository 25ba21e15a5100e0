import { Badge, Button, Field, Text, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import type { ImportReply } from "../../api-client";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { FilePicker } from "../FilePicker";
import { useServices } from "../services";

/** 导入方案: document text (pasted or a .txt file) → the server's parse report and tasks → 发布. */
export function ImportPlan() {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [text, setText] = useState("");
  const [draft, setDraft] = useState<ImportReply>();
  const [published, setPublished] = useState<number>();

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
  };

  const parse = () =>
    work.run("正在解析方案…", async () => {
      if (!text.trim()) throw new UserError("请粘贴方案全文，或选择一个 .txt 文件");
      setPublished(undefined);
      setDraft(await api.importPlan({ text }));
    });

  const publish = () =>
    work.run("正在发布方案…", async () => {
      if (!draft) return;
      const plan = await api.publishPlan(draft.plan);
      setPublished(plan.version ?? 1);
    });

  const problems = draft?.report.warnings ?? [];
  return (
    <div className={styles.stack}>
      <Field label="方案文本" hint="粘贴分工方案全文，或选择文本文件（.txt，UTF-8）">
        <Textarea value={text} onChange={(_, d) => setText(d.value)} rows={6} resize="vertical" aria-label="方案文本" />
      </Field>
      <FilePicker label="选择文件…" accept=".txt,text/plain" onFile={(file) => void readFile(file)} />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!!work.busy} onClick={parse}>解析</Button>
        {draft && <Button appearance="primary" disabled={!!work.busy} onClick={publish}>发布</Button>}
      </div>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {published !== undefined && <Notice intent="success" title="已发布">{`方案已发布为第 ${published} 版，各单位可新建台账。`}</Notice>}
      {draft && (
        <>
          <Text weight="semibold">{`${draft.plan.year} · ${draft.plan.title}（${draft.plan.tasks.length} 项任务，${draft.plan.units.length} 个单位）`}</Text>
          {problems.length > 0 ? (
            <Notice intent="warning" title={`${problems.length} 处未能识别，请核对`}>
              <div className={styles.list}>{problems.map((p, i) => <Text key={i} className={styles.small}>{`第 ${p.line} 行：${p.message}`}</Text>)}</div>
            </Notice>
          ) : (
            <Notice intent="success">全文已识别。</Notice>
          )}
          <div className={styles.list} aria-label="任务">
            {draft.plan.tasks.map((task) => (
              <div key={task.id} className={styles.item}>
                <Text className={styles.small}>
                  <b>{task.no}</b> {task.text.slice(0, 60)}
                </Text>
                <div>
                  {task.allUnits ? <Badge size="small">各单位</Badge> : task.lead.map((u) => <Badge key={u} size="small" color="brand">{`牵头 ${u}`}</Badge>)}{" "}
                  <Badge size="small" color={task.deadline.rules.length ? "informative" : "warning"}>{task.deadline.text || "无时限"}</Badge>
                </div>
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
