import { Button, Text } from "@fluentui/react-components";
import { chinaTime } from "../../../core/dates";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import type { ReviewItem, ReviewsShown } from "../workbook-port";
import { nameOf } from "./words";

/**
 * The office's 退回 and 通过, as the sheet shows them on their rows (a fill on the row's 序号 and, where Excel has
 * notes, the comment): the returned rows first, each a button to its row; rows the clerk changed and 报送 since
 * wait for the office to look again.
 */
export function ReviewNotes({ shown }: { shown: ReviewsShown | undefined }) {
  const styles = usePaneStyles();
  const { workbook } = useServices();
  if (!shown) return null;
  const returned = shown.open.filter((item) => item.review.verdict === "退回");
  const passed = shown.open.filter((item) => item.review.verdict === "通过");
  if (returned.length + passed.length + shown.answered.length === 0) return null;
  const go = (item: ReviewItem) => void workbook.selectFinding({ row: item.row, column: "no" }, shown.places).catch(() => undefined);
  const line = (item: ReviewItem) =>
    `序号 ${item.no}：${item.review.verdict}${item.review.comment.trim() ? `，“${item.review.comment.trim()}”` : ""}（${nameOf(item.review.by)}，${chinaTime(item.review.at)}）`;

  return (
    <section className={styles.section} aria-labelledby="review-heading">
      <Text as="h2" id="review-heading" className={styles.heading}>办公室审核</Text>
      {returned.length > 0 && (
        <>
          <Text className={styles.small}>{`办公室退回 ${returned.length} 行，请按意见修改后再报送（表格中这些行的序号已标为橙色）：`}</Text>
          <ul className={styles.fullList} aria-label="退回的行">
            {returned.map((item) => (
              <li key={item.key}>
                <Button appearance="secondary" size="small" style={{ justifyContent: "flex-start", textAlign: "left", height: "auto", width: "100%" }} onClick={() => go(item)}>
                  {line(item)}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      {shown.answered.length > 0 && (
        <Text className={styles.small}>{`已修改并报送、等待办公室复核：${shown.answered.map((item) => `序号 ${item.no}`).join("、")}。`}</Text>
      )}
      {passed.length > 0 && <Text className={styles.small}>{`办公室已通过 ${passed.length} 行（序号标为绿色）。`}</Text>}
    </section>
  );
}
