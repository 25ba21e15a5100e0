import { Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { chinaDate } from "../../../core/merge/consolidate";
import { chineseDate } from "../../../core/oversight/document";
import type { ReminderItem, UnitReminders } from "../../../core/oversight/schema";
import { ErrorBar, Notice, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";

/** 6月30日 this year; a date of another year (an old plan's, 2282 working days ago) keeps its year. */
const day = (date: string | undefined) => {
  if (!date) return "";
  const said = chineseDate(date);
  return date.slice(0, 4) === chinaDate(new Date().toISOString()).slice(0, 4) ? said.replace(/^\d+年/, "") : said;
};

function ledgerLine(r: UnitReminders): string | undefined {
  const { state, due, workdays } = r.ledger;
  if (state === "逾期未报送") return `台账应于${day(due)}前报送，已逾期 ${workdays} 个工作日，请尽快报送。`;
  if (state === "未报送" && due) return `台账请于${day(due)}前报送（还有 ${workdays} 个工作日）。`;
  if (state === "未报送") return "台账尚未报送。";
  return undefined;
}

function itemLine(i: ReminderItem, overdue: boolean): string {
  const when = overdue ? `时限${day(i.due)}，已逾期 ${i.workdays} 个工作日` : i.workdays === 0 ? `今天（${day(i.due)}）到期` : `${day(i.due)}到期，还有 ${i.workdays} 个工作日`;
  return `第${i.no}项 ${i.task}（${when}，${i.status}）`;
}

/** 待办, shown when the clerk's pane opens: the unit's reminders from the plan's deadlines on the statutory calendar. */
export function TodoList({ planId, unit }: { planId: string; unit: string }) {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [todo, setTodo] = useState<UnitReminders>();

  useEffect(() => {
    void work.run("正在读取待办…", async () => setTodo(await api.getUnitReminders(planId, unit)));
  }, [api, planId, unit]);

  if (work.error) return <ErrorBar error={work.error} />;
  if (!todo) return null;
  const ledger = ledgerLine(todo);
  const count = (ledger ? 1 : 0) + todo.overdue.length + todo.dueSoon.length + (todo.returned.length ? 1 : 0);
  if (count === 0) return <Notice intent="success" title="待办">暂无待办：没有逾期或即将到期的任务。</Notice>;
  return (
    <Notice intent="warning" title={`待办（${count}）`}>
      <div className={styles.list} aria-label="待办">
        {ledger && <Text className={styles.small}>{ledger}</Text>}
        {todo.overdue.length > 0 && <Text className={styles.small} weight="semibold">{`逾期未完成 ${todo.overdue.length} 项`}</Text>}
        {todo.overdue.map((i) => <Text key={`o${i.taskId}`} className={styles.small}>{itemLine(i, true)}</Text>)}
        {todo.dueSoon.length > 0 && <Text className={styles.small} weight="semibold">{`即将到期 ${todo.dueSoon.length} 项`}</Text>}
        {todo.dueSoon.map((i) => <Text key={`s${i.taskId}`} className={styles.small}>{itemLine(i, false)}</Text>)}
        {todo.returned.length > 0 && <Text className={styles.small}>{`${todo.returned.length} 行被办公室退回、尚未修改：${todo.returned.map((i) => `第${i.no}项`).join("、")}。`}</Text>}
      </div>
    </Notice>
  );
}
