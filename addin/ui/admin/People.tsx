import { Badge, Button, Divider, Field, Input, Select, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { CredentialsReply, Person, PersonInput } from "../../../core/accounts/contract";
import { personLabel, ROLE_LABELS, Role } from "../../../core/accounts/person";
import { proposeUnitAccounts } from "../../../core/accounts/unit-accounts";
import type { Plan } from "../../../core/plan/schema";
import { Busy, ErrorBar, Notice, UserError, useWork } from "../feedback";
import { useLatest } from "../use-latest";
import { usePaneStyles } from "../layout";
import { PlanSelect, usePlans } from "../PlanSelect";
import { useServices } from "../services";

const statusOf = (p: Person) =>
  !p.enabled ? { text: "已停用", color: "danger" as const }
  : p.lockedUntil ? { text: "已锁定", color: "warning" as const }
  : p.mustChangePassword ? { text: "待首次登录", color: "informative" as const }
  : { text: "正常", color: "success" as const };

type Draft = { unit: string; username: string; name: string };

/**
 * 账号: everyone who may sign in. Clerk accounts for every unit of a plan in one step, office and admin accounts
 * one at a time, disable, reset a password, move a clerk to another unit. Initial passwords open in Excel as a
 * workbook of their own, to print or send; the server never shows them again.
 */
export function People() {
  const styles = usePaneStyles();
  const { api, workbook } = useServices();
  const work = useWork();
  const [people, setPeople] = useState<Person[]>([]);
  const plans = usePlans(work);
  const [chosenPlanId, setPlanId] = useState("");
  const planId = chosenPlanId || (plans[0]?.id ?? "");
  const [perUnit, setPerUnit] = useState("1");
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [handedOut, setHandedOut] = useState<CredentialsReply>();
  const [single, setSingle] = useState<{ username: string; name: string; role: Role; unit: string }>({ username: "", name: "", role: "office", unit: "" });
  const [move, setMove] = useState({ username: "", unit: "" });

  const refresh = () => api.listPeople().then((reply) => setPeople(reply.people));
  useEffect(() => void work.run("正在读取账号…", refresh), [api]);
  // Not through `work`, which runs one thing at a time and drops a second: a plan picked while the account list (or
  // the first plan) was still loading kept the units of the plan shown before.
  const planRead = useLatest(planId ? () => api.getPlan(planId) : undefined, [api, planId]);
  const plan: Plan | undefined = planRead.value?.id === planId ? planRead.value : undefined;

  /** The passwords' workbook opened in Excel, and the list read again. */
  const handOut = async (reply: CredentialsReply) => {
    setHandedOut(reply);
    await workbook.openWorkbook(reply.workbook);
    await refresh();
  };

  const propose = () => {
    if (!plan) return;
    const taken = people.map((p) => p.username);
    setDrafts(proposeUnitAccounts(plan.units, Number(perUnit), taken).map((p) => ({ ...p, name: "" })));
  };

  const createDrafts = () =>
    work.run(`正在创建 ${drafts.length} 个账号…`, async () => {
      if (!drafts.length) throw new UserError("请先点“生成账号清单”");
      const accounts: PersonInput[] = drafts.map((d) => ({ username: d.username, name: d.name.trim() || `${d.unit}联络员`, role: "clerk", unit: d.unit }));
      await handOut(await api.createPeople(accounts));
      setDrafts([]);
    });

  const createSingle = () =>
    work.run("正在创建账号…", async () => {
      if (!single.username.trim() || !single.name.trim()) throw new UserError("请填写用户名和姓名");
      if (single.role === "clerk" && !single.unit) throw new UserError("单位联络员须选择单位");
      await handOut(await api.createPeople([{ ...single, ...(single.unit ? { unit: single.unit } : { unit: undefined }) }]));
      setSingle({ username: "", name: "", role: "office", unit: "" });
    });

  const reset = (p: Person) => work.run(`正在重置 ${p.username} 的密码…`, async () => handOut(await api.resetPassword(p.username)));
  const toggle = (p: Person) =>
    work.run(p.enabled ? "正在停用…" : "正在启用…", async () => {
      await api.updatePerson(p.username, { enabled: !p.enabled });
      await refresh();
    });
  const moveClerk = () =>
    work.run("正在调整单位…", async () => {
      if (!move.username || !move.unit) throw new UserError("请选择账号和新单位");
      await api.updatePerson(move.username, { unit: move.unit });
      setMove({ username: "", unit: "" });
      await refresh();
    });

  const units = plan?.units.map((u) => u.name) ?? [];
  const editDraft = (i: number, field: "username" | "name", value: string) =>
    setDrafts((all) => all.map((d, j) => (j === i ? { ...d, [field]: value } : d)));

  return (
    <div className={styles.stack}>
      <Busy label={work.busy ?? (planRead.busy ? "正在读取方案的单位…" : undefined)} />
      <ErrorBar error={work.error ?? planRead.error} />
      {handedOut && (
        <Notice intent="success" title={`已生成 ${handedOut.credentials.length} 个初始密码`}>
          初始密码已在新的 Excel 工作簿中打开，请打印或发送给本人，之后妥善保管或销毁；首次登录须设置新密码，系统不会再次显示这些密码。
          <div className={styles.actions}>
            <Button size="small" onClick={() => void work.run("正在打开…", () => workbook.openWorkbook(handedOut.workbook))}>再次打开初始密码表</Button>
          </div>
        </Notice>
      )}

      <Divider>为方案各单位创建联络员账号</Divider>
      <PlanSelect label="方案" plans={plans} value={planId} onChange={(id) => (setPlanId(id), setDrafts([]))} />
      <Field label="每个单位的账号数">
        <Select value={perUnit} onChange={(_, d) => setPerUnit(d.value)} aria-label="每个单位的账号数">
          {["1", "2", "3"].map((n) => <option key={n}>{n}</option>)}
        </Select>
      </Field>
      <div className={styles.actions}>
        <Button disabled={!plan || !!work.busy} onClick={propose}>生成账号清单</Button>
        {drafts.length > 0 && <Button appearance="primary" disabled={!!work.busy} onClick={createDrafts}>{`创建 ${drafts.length} 个账号`}</Button>}
      </div>
      {drafts.length > 0 && (
        <div className={styles.list} aria-label="待创建账号">
          <Text className={styles.muted}>用户名可修改；姓名可留空（先记为“单位联络员”，以后可改）。已有账号的单位名会自动跳过。</Text>
          {drafts.map((d, i) => (
            <div key={`${d.unit}-${i}`} className={styles.item}>
              <div><Text className={styles.small} weight="semibold">{d.unit}</Text></div>
              <Input size="small" aria-label={`${d.unit} 用户名`} value={d.username} onChange={(_, v) => editDraft(i, "username", v.value)} />
              <Input size="small" aria-label={`${d.unit} 姓名`} placeholder="姓名" value={d.name} onChange={(_, v) => editDraft(i, "name", v.value)} />
            </div>
          ))}
        </div>
      )}

      <Divider>添加单个账号</Divider>
      <Field label="用户名"><Input aria-label="新账号用户名" value={single.username} onChange={(_, d) => setSingle({ ...single, username: d.value })} /></Field>
      <Field label="姓名"><Input aria-label="新账号姓名" value={single.name} onChange={(_, d) => setSingle({ ...single, name: d.value })} /></Field>
      <Field label="身份">
        <Select aria-label="新账号身份" value={single.role} onChange={(_, d) => setSingle({ ...single, role: Role.parse(d.value) })}>
          {Role.options.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </Select>
      </Field>
      <Field label="单位" hint="单位联络员必填；督办汇总、管理员可不填">
        <Select aria-label="新账号单位" value={single.unit} onChange={(_, d) => setSingle({ ...single, unit: d.value })}>
          <option value="">（不指定）</option>
          {units.map((u) => <option key={u}>{u}</option>)}
        </Select>
      </Field>
      <div className={styles.actions}><Button disabled={!!work.busy} onClick={createSingle}>创建账号</Button></div>

      <Divider>{`全部账号（${people.length}）`}</Divider>
      <div className={styles.list} aria-label="账号列表">
        {people.map((p) => {
          const status = statusOf(p);
          return (
            <div key={p.username} className={styles.item}>
              <Text className={styles.small}><b>{personLabel(p)}</b>{` ${p.username} · ${ROLE_LABELS[p.role]} `}</Text>
              <Badge size="small" color={status.color}>{status.text}</Badge>
              <div className={styles.actions}>
                <Button size="small" disabled={!!work.busy} onClick={() => reset(p)}>重置密码</Button>
                <Button size="small" disabled={!!work.busy} onClick={() => toggle(p)}>{p.enabled ? "停用" : "启用"}</Button>
              </div>
            </div>
          );
        })}
      </div>

      <Divider>调整联络员单位</Divider>
      <Field label="账号">
        <Select aria-label="调整单位的账号" value={move.username} onChange={(_, d) => setMove({ ...move, username: d.value })}>
          <option value="">请选择</option>
          {people.filter((p) => p.role === "clerk").map((p) => <option key={p.username} value={p.username}>{`${personLabel(p)} ${p.username}`}</option>)}
        </Select>
      </Field>
      <Field label="新单位">
        <Select aria-label="新单位" value={move.unit} onChange={(_, d) => setMove({ ...move, unit: d.value })}>
          <option value="">请选择</option>
          {units.map((u) => <option key={u}>{u}</option>)}
        </Select>
      </Field>
      <div className={styles.actions}><Button disabled={!!work.busy} onClick={moveClerk}>调整单位</Button></div>
    </div>
  );
}
