import { Badge, Button, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { CHANNEL_LABELS, type Delivery } from "../../../core/oversight/schema";
import { Busy, ErrorBar, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";

const when = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/** 发送记录: every reminder sent, by whom, to which units, through which channel, and what the channel answered. */
export function DeliveryRecord({ planId, refresh }: { planId: string; refresh: number }) {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const load = () => work.run("正在读取发送记录…", async () => setDeliveries((await api.getDeliveries(planId)).deliveries));
  useEffect(() => void load(), [planId, refresh]);

  const retry = (d: Delivery) =>
    work.run("正在重发…", async () => {
      await api.retryDelivery(planId, d.id);
      setDeliveries((await api.getDeliveries(planId)).deliveries);
    });

  const retried = new Set(deliveries.flatMap((d) => (d.retryOf && d.status === "已送达" ? [d.retryOf] : [])));
  return (
    <div className={styles.stack}>
      <Text weight="semibold">{`发送记录（${deliveries.length}）`}</Text>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {deliveries.length === 0 && <Text className={styles.muted}>还没有发送过提醒。</Text>}
      <div className={styles.list} aria-label="发送记录">
        {deliveries.map((d) => (
          <div key={d.id} className={styles.item}>
            <Badge color={d.status === "已送达" ? "success" : "danger"}>{d.status}</Badge>{" "}
            <Text className={styles.small}>{`${when(d.at)} · ${d.by} · ${d.kind} · ${CHANNEL_LABELS[d.channel]} → ${d.units.join("、")}`}</Text>
            <br />
            <Text className={`${styles.small} ${styles.muted}`}>{`${d.to}；${d.status === "已送达" ? "对方已接收" : `对方答复：${d.answer}`}${d.attempts > 1 ? `（共尝试 ${d.attempts} 次）` : ""}${d.retryOf ? "（重发）" : ""}`}</Text>
            {d.status === "失败" && retried.has(d.id) && <Text className={styles.small}>已重发成功</Text>}
            {d.status === "失败" && !retried.has(d.id) && (
              <Button size="small" onClick={() => retry(d)} disabled={!!work.busy}>重发</Button>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
