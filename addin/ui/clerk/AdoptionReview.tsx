import { Badge, Button, Text } from "@fluentui/react-components";
import { headerOf } from "../../../core/sheet/columns";
import { usePaneStyles } from "../layout";
import type { AdoptionPreview } from "../workbook-port";

/** What 使用当前表 would do, shown before anything in the sheet changes. */
export function AdoptionReview(props: { preview: AdoptionPreview; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const styles = usePaneStyles();
  const { preview } = props;
  const matched = preview.rows.filter((r) => r.taskId).length;
  return (
    <div className={styles.stack} aria-label="表头与行匹配">
      <Text weight="semibold">{`“${preview.sheetName}”的表头`}</Text>
      <div className={styles.list}>
        {preview.headers.map((h) => (
          <div key={h.header} className={styles.item}>
            {h.header} → {h.field ? <Badge appearance="tint" color="success">{headerOf(h.field)}</Badge> : <Badge appearance="tint" color="warning">不使用</Badge>}
          </div>
        ))}
      </div>
      <Text weight="semibold">{`行匹配：${matched} / ${preview.rows.length} 行对应到方案任务`}</Text>
      <div className={styles.list}>
        {preview.rows.map((r) => (
          <div key={r.sheetRow} className={styles.item}>
            <Text className={styles.small}>{`第 ${r.sheetRow} 行：${r.text.slice(0, 30)}`}</Text>{" "}
            {r.taskId ? <Badge color="success">{`任务 ${r.taskId}（${r.how}）`}</Badge> : <Badge color="danger">未匹配</Badge>}
          </div>
        ))}
      </div>
      <Text className={styles.muted}>确认后只补上台账需要的列和设置，不改动您已填写的单元格。</Text>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={props.busy} onClick={props.onConfirm}>确认使用</Button>
        <Button disabled={props.busy} onClick={props.onCancel}>取消</Button>
      </div>
    </div>
  );
}
