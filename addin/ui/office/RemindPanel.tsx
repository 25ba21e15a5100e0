import { Badge, Button, Checkbox, Field, Input, Text, Textarea } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { reminderText } from "../../../core/oversight/messages";
import { CHANNEL_LABELS, CHANNELS, type ChannelKind, type ChannelSettingsView, type Delivery, type RemindersReply } from "../../../core/oversight/schema";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";
import { DeliveryRecord } from "./DeliveryRecord";

const configured = (settings: ChannelSettingsView | undefined, kind: ChannelKind) =>
  !!settings && (kind === "mail" ? settings.mail.enabled && settings.mail.available : settings[kind].configured);

function lateWhy(r: RemindersReply["units"][number]): string {
  const parts = [
    r.ledger.state === "逾期未报送" ? "台账未报送" : "",
    r.overdue.length ? `逾期 ${r.overdue.length} 项` : "",
    r.dueSoon.length ? `将到期 ${r.dueSoon.length} 项` : "",
    r.returned.length ? `退回待改 ${r.returned.length} 行` : "",
  ].filter(Boolean);
  return parts.join("，") || "无待办";
}

/** 催报: pick the units (all late ones by default), edit each message, send through the channels set up, see the record. */
export function RemindPanel({ plan }: { plan: Plan }) {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [within, setWithin] = useState(3);
  const [reminders, setReminders] = useState<RemindersReply>();
  const [settings, setSettings] = useState<ChannelSettingsView>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [channels, setChannels] = useState<Set<ChannelKind>>(new Set());
  const [sent, setSent] = useState<Delivery[]>();
  const [recordVersion, setRecordVersion] = useState(0);

  const load = () =>
    work.run("正在计算各单位待办…", async () => {
      const [reply, view] = await Promise.all([api.getReminders(plan.id, within), api.getNotifySettings()]);
      setReminders(reply);
      setSettings(view);
      setChosen(new Set(reply.units.filter((u) => u.late).map((u) => u.unit)));
      setTexts(Object.fromEntries(reply.units.map((u) => [u.unit, reminderText(plan, u, reply.withinWorkdays)])));
      setChannels(new Set(CHANNELS.filter((k) => configured(view, k))));
      setSent(undefined);
    });
  useEffect(() => void load(), [plan.id]);

  const units = reminders?.units ?? [];
  const late = useMemo(() => units.filter((u) => u.late).length, [units]);
  const toggle = <T,>(set: Set<T>, value: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  const send = () =>
    work.run("正在发送催报…", async () => {
      const messages = units.filter((u) => chosen.has(u.unit)).map((u) => ({ unit: u.unit, text: (texts[u.unit] ?? "").trim() }));
      if (messages.length === 0) throw new UserError("请至少选择一个单位");
      const empty = messages.find((m) => !m.text);
      if (empty) throw new UserError(`「${empty.unit}」的提醒内容为空，请填写或取消选择该单位`);
      if (channels.size === 0) throw new UserError("请至少选择一个发送渠道；渠道在“渠道”页中设置");
      const reply = await api.sendReminders(plan.id, { channels: [...channels], messages });
      setSent(reply.deliveries);
      setRecordVersion((v) => v + 1);
    });

  const failed = sent?.filter((d) => d.status === "失败") ?? [];
  return (
    <div className={styles.stack}>
      <div className={styles.actions} style={{ alignItems: "flex-end" }}>
        <Field label="即将到期（工作日内）">
          <Input type="number" min={0} max={30} value={String(within)} onChange={(_, d) => setWithin(Math.max(0, Math.min(30, Number(d.value) || 0)))} />
        </Field>
        <Button onClick={load} disabled={!!work.busy}>重新计算</Button>
      </div>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {reminders && (
        <>
          <Text weight="semibold">{`选择单位（逾期 ${late} 个，已选 ${chosen.size} 个）`}</Text>
          <div className={styles.actions}>
            <Button size="small" onClick={() => setChosen(new Set(units.filter((u) => u.late).map((u) => u.unit)))}>选逾期单位</Button>
            <Button size="small" onClick={() => setChosen(new Set())}>全不选</Button>
          </div>
          <div className={styles.list} aria-label="催报单位">
            {units.map((u) => (
              <div key={u.unit} className={styles.item}>
                <Checkbox
                  checked={chosen.has(u.unit)}
                  onChange={(_, d) => setChosen(toggle(chosen, u.unit, !!d.checked))}
                  label={`${u.unit}：${lateWhy(u)}`}
                />
                {u.late && <Badge color="danger" size="small">逾期</Badge>}
                {chosen.has(u.unit) && (
                  <Textarea
                    aria-label={`${u.unit}的提醒`}
                    value={texts[u.unit] ?? ""}
                    onChange={(_, d) => setTexts({ ...texts, [u.unit]: d.value })}
                    resize="vertical"
                    rows={3}
                    style={{ width: "100%" }}
                  />
                )}
              </div>
            ))}
          </div>
          <Text weight="semibold">发送渠道</Text>
          <div className={styles.actions}>
            {CHANNELS.map((k) => (
              <Checkbox
                key={k}
                label={`${CHANNEL_LABELS[k]}${configured(settings, k) ? "" : "（未设置）"}`}
                disabled={!configured(settings, k)}
                checked={channels.has(k)}
                onChange={(_, d) => setChannels(toggle(channels, k, !!d.checked))}
              />
            ))}
          </div>
          <div className={styles.actions}>
            <Button appearance="primary" onClick={send} disabled={!!work.busy || chosen.size === 0}>{`发送催报（${chosen.size} 个单位）`}</Button>
          </div>
          {sent && (
            <Notice intent={failed.length ? "warning" : "success"} title={failed.length ? "部分未送达" : "已发送"}>
              {`共 ${sent.length} 条：送达 ${sent.length - failed.length} 条${failed.length ? `，失败 ${failed.length} 条（见下方记录，可重发）` : ""}。`}
            </Notice>
          )}
        </>
      )}
      <DeliveryRecord planId={plan.id} refresh={recordVersion} />
    </div>
  );
}
