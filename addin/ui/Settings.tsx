import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { z } from "zod";
import { ErrorBar, UserError } from "./feedback";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

const Address = z.url({ message: "台账系统地址应为完整网址，例如 http://localhost:8787" }).refine((u) => /^https?:/.test(u), { message: "台账系统地址应以 http:// 或 https:// 开头" });

/** 设置: the API address the pane was served with, or another one (a second local stack, a test server). */
export function Settings(props: { served: string; custom?: string; onSave(custom: string | undefined): void; onCancel(): void }) {
  const styles = useStyles();
  const [address, setAddress] = useState(props.custom ?? props.served);
  const [error, setError] = useState<UserError>();
  const save = () => {
    const parsed = Address.safeParse(address.trim());
    if (!parsed.success) return setError(new UserError(parsed.error.issues[0]!.message));
    props.onSave(parsed.data.replace(/\/+$/, "") === props.served.replace(/\/+$/, "") ? undefined : parsed.data);
  };
  return (
    <div className={styles.form}>
      <Text as="h2" weight="semibold" size={400}>设置</Text>
      <Field label="台账系统地址" hint={`本加载项默认连接 ${props.served}；通常无需修改。更换地址后需重新登录。`}>
        <Input name="serverUrl" value={address} onChange={(_, d) => setAddress(d.value)} />
      </Field>
      <ErrorBar error={error} />
      <div className={styles.actions}>
        <Button appearance="primary" onClick={save}>保存</Button>
        <Button onClick={() => props.onSave(undefined)}>恢复默认</Button>
        <Button appearance="subtle" onClick={props.onCancel}>取消</Button>
      </div>
    </div>
  );
}
