import { Text } from "@fluentui/react-components";
import type { LedgerRow } from "../../../core/ledger/schema";
import { Notice } from "../feedback";
import { usePaneStyles } from "../layout";

/** The office's 退回 comments, each on its row, until the row is fixed and passed. */
export function ReviewNotes({ rows }: { rows: LedgerRow[] }) {
  const styles = usePaneStyles();
  const returned = rows.filter((row) => row.review?.verdict === "退回");
  if (returned.length === 0) return null;
  return (
    <Notice intent="warning" title={`办公室退回 ${returned.length} 行`}>
      <div className={styles.list}>
        {returned.map((row, i) => (
          <Text key={i} className={styles.small}>{`序号 ${row.no}：${row.review!.comment}（${row.review!.by}）`}</Text>
        ))}
      </div>
    </Notice>
  );
}
