import { Button, Input, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { Contact, type UnitContacts } from "../../../core/oversight/schema";
import { formatIssues } from "../../../core/schema-kit";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { usePaneStyles } from "../layout";
import { PlanSelect, usePlans } from "../PlanSelect";
import { useServices } from "../services";
import { useLatest } from "../use-latest";

type Draft = { name: string; mobile: string; email: string };
const blank: Draft = { name: "", mobile: "", email: "" };

/** 联系人: each unit of the plan's directory with the people 催报 reaches (name, mobile for @, e-mail). */
export function Contacts() {
  const styles = usePaneStyles();
  const { api } = useServices();
  const work = useWork();
  const plans = usePlans(work);
  const [chosen, setChosen] = useState("");
  const planId = chosen || (plans[0]?.id ?? "");
  const [units, setUnits] = useState<UnitContacts[]>([]);
  const [drafts, setDrafts] = useState<Record<string, Draft[]>>({});
  const [saved, setSaved] = useState<string>();

  // The plan's contacts, read again when another plan is picked (the latest pick wins).
  const read = useLatest(planId ? () => api.getContacts(planId) : undefined, [api, planId]);
  useEffect(() => {
    const reply = read.value;
    if (!reply) return;
    setUnits(reply.units);
    setDrafts(Object.fromEntries(reply.units.map((u) => [u.unit, u.people.map((p) => ({ name: p.name, mobile: p.mobile ?? "", email: p.email ?? "" }))])));
  }, [read.value]);

  const edit = (unit: string, i: number, field: keyof Draft, value: string) =>
    setDrafts({ ...drafts, [unit]: (drafts[unit] ?? []).map((d, j) => (j === i ? { ...d, [field]: value } : d)) });

  const save = (unit: string) =>
    work.run(`正在保存「${unit}」的联系人…`, async () => {
      const people = (drafts[unit] ?? [])
        .filter((d) => d.name.trim() || d.mobile.trim() || d.email.trim())
        .map((d) => ({ name: d.name.trim(), ...(d.mobile.trim() ? { mobile: d.mobile.trim() } : {}), ...(d.email.trim() ? { email: d.email.trim() } : {}) }));
      for (const [i, person] of people.entries()) {
        const parsed = Contact.safeParse(person);
        if (!parsed.success) throw new UserError(`「${unit}」第 ${i + 1} 位联系人：${formatIssues(parsed.error).replace(/^\w+：/, "")}`);
      }
      await api.putContacts(planId, unit, people);
      setSaved(`已保存「${unit}」的联系人。`);
    });

  return (
    <div className={styles.stack}>
      <PlanSelect label="方案" plans={plans} value={planId} onChange={setChosen} />
      <Text className={`${styles.small} ${styles.muted}`}>催报时，群机器人按手机号 @ 联系人，邮件发到联系人邮箱。</Text>
      <Busy label={work.busy ?? (read.busy ? "正在读取联系人…" : undefined)} />
      <ErrorBar error={work.error ?? read.error} />
      {saved && <Notice intent="success">{saved}</Notice>}
      <div className={styles.list} style={{ maxHeight: "none" }}>
        {units.map(({ unit }) => (
          <div key={unit} className={styles.item} aria-label={`${unit}联系人`}>
            <Text weight="semibold">{unit}</Text>
            {(drafts[unit] ?? []).map((d, i) => (
              <div key={i} className={styles.actions}>
                <Input size="small" aria-label={`${unit}联系人${i + 1}姓名`} placeholder="姓名" value={d.name} onChange={(_, v) => edit(unit, i, "name", v.value)} style={{ width: "80px" }} />
                <Input size="small" aria-label={`${unit}联系人${i + 1}手机`} placeholder="手机号" value={d.mobile} onChange={(_, v) => edit(unit, i, "mobile", v.value)} style={{ width: "120px" }} />
                <Input size="small" aria-label={`${unit}联系人${i + 1}邮箱`} placeholder="邮箱" value={d.email} onChange={(_, v) => edit(unit, i, "email", v.value)} style={{ width: "160px" }} />
              </div>
            ))}
            <div className={styles.actions}>
              {(drafts[unit] ?? []).length < 5 && <Button size="small" onClick={() => setDrafts({ ...drafts, [unit]: [...(drafts[unit] ?? []), blank] })}>添加联系人</Button>}
              <Button size="small" appearance="primary" onClick={() => save(unit)} disabled={!!work.busy}>保存</Button>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
