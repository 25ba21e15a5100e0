import { Button, Checkbox, Field, Input, Switch, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { CHANNEL_LABELS, CHANNELS, type ChannelKind, type ChannelSettingsPut, type ChannelSettingsView } from "../../../core/oversight/schema";
import { Busy, ErrorBar, Notice, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { useServices } from "../services";

/**
 * 渠道: the group robots (企业微信, 钉钉 with its 加签 secret), mail, and the daily digest. A robot's address is
 * only ever typed in, never shown again (the server keeps it to itself); leaving a field empty keeps what is set.
 */
export function ChannelsPanel() {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const [view, setView] = useState<ChannelSettingsView>();
  const [wecom, setWecom] = useState("");
  const [ding, setDing] = useState({ webhook: "", secret: "" });
  const [mail, setMail] = useState(false);
  const [digest, setDigest] = useState({ enabled: false, channels: [] as ChannelKind[], withinWorkdays: 3 });
  const [saved, setSaved] = useState(false);

  const show = (v: ChannelSettingsView) => {
    setView(v);
    setMail(v.mail.enabled);
    setDigest({ enabled: v.digest.enabled, channels: v.digest.channels, withinWorkdays: v.digest.withinWorkdays });
  };
  useEffect(() => void work.run("正在读取渠道设置…", async () => show(await api.getNotifySettings())), [api]);

  const save = () =>
    work.run("正在保存…", async () => {
      const change: ChannelSettingsPut = { mail: { enabled: mail }, digest };
      if (wecom.trim()) change.wecom = { webhook: wecom.trim() };
      if (ding.webhook.trim() || ding.secret.trim()) change.dingtalk = { webhook: ding.webhook.trim(), secret: ding.secret.trim() };
      show(await api.putNotifySettings(change));
      setWecom("");
      setDing({ webhook: "", secret: "" });
      setSaved(true);
    });
  const remove = (kind: "wecom" | "dingtalk") => work.run("正在删除…", async () => show(await api.putNotifySettings({ [kind]: null })));

  if (!view) return <><Busy label={work.busy} /><ErrorBar error={work.error} /></>;
  const robot = (kind: "wecom" | "dingtalk") => (view[kind].configured ? `已设置（${view[kind].hint}）` : "未设置");
  return (
    <div className={styles.stack}>
      <Field label={`企业微信群机器人 Webhook：${robot("wecom")}`} hint="在企业微信群的“群机器人”中复制 Webhook 地址">
        <Input value={wecom} onChange={(_, d) => setWecom(d.value)} placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
      </Field>
      {view.wecom.configured && <Button size="small" onClick={() => remove("wecom")}>删除企业微信机器人</Button>}
      <Field label={`钉钉群机器人 Webhook：${robot("dingtalk")}`} hint="安全设置请选“加签”，并把 SEC 开头的密钥填在下面">
        <Input value={ding.webhook} onChange={(_, d) => setDing({ ...ding, webhook: d.value })} placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" />
      </Field>
      <Field label="钉钉加签密钥">
        <Input type="password" value={ding.secret} onChange={(_, d) => setDing({ ...ding, secret: d.value })} placeholder="SEC…" />
      </Field>
      {view.dingtalk.configured && <Button size="small" onClick={() => remove("dingtalk")}>删除钉钉机器人</Button>}
      <Switch
        label={view.mail.available ? "邮件提醒（发到各单位联系人邮箱）" : "邮件提醒（服务器未配置邮件，暂不可用）"}
        checked={mail}
        disabled={!view.mail.available}
        onChange={(_, d) => setMail(d.checked)}
      />
      <Switch label={`每日提醒（${view.digest.schedule}）`} checked={digest.enabled} onChange={(_, d) => setDigest({ ...digest, enabled: d.checked })} />
      {digest.enabled && (
        <div className={styles.actions}>
          {CHANNELS.map((k) => (
            <Checkbox
              key={k}
              label={CHANNEL_LABELS[k]}
              checked={digest.channels.includes(k)}
              onChange={(_, d) => setDigest({ ...digest, channels: d.checked ? [...digest.channels, k] : digest.channels.filter((c) => c !== k) })}
            />
          ))}
          <Field label="提前提醒（工作日）">
            <Input type="number" min={0} max={30} value={String(digest.withinWorkdays)} onChange={(_, d) => setDigest({ ...digest, withinWorkdays: Math.max(0, Math.min(30, Number(d.value) || 0)) })} />
          </Field>
        </div>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={save} disabled={!!work.busy}>保存</Button>
      </div>
      <Text className={`${styles.small} ${styles.muted}`}>各单位联系人（姓名、手机号、邮箱）由管理员在“联系人”中维护；群机器人按手机号 @ 联系人。</Text>
      <Busy label={work.busy} />
      <ErrorBar error={work.error} />
      {saved && !work.error && <Notice intent="success">渠道设置已保存。</Notice>}
    </div>
  );
}
