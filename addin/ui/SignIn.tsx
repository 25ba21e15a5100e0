import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { Connection, ROLE_LABELS, readTokenClaims } from "../api-client";
import { formatIssues } from "../../core/schema-kit";
import { ErrorBar, UserError } from "./feedback";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
});

/** 登录/设置: server URL and token, checked with zod; the claims are shown before anything is saved. */
export function SignIn({ initial, onSave }: { initial?: Connection; onSave(connection: Connection): void }) {
  const styles = useStyles();
  const [serverUrl, setServerUrl] = useState(initial?.serverUrl ?? "http://localhost:8787");
  const [token, setToken] = useState(initial?.token ?? "");
  const [error, setError] = useState<UserError>();
  const claims = readTokenClaims(token);

  const save = () => {
    const parsed = Connection.safeParse({ serverUrl: serverUrl.trim(), token: token.trim() });
    if (!parsed.success) return setError(new UserError(`请检查填写的内容：${formatIssues(parsed.error)}`));
    if (!readTokenClaims(parsed.data.token)) {
      return setError(new UserError("令牌无法识别：请粘贴管理员签发的完整令牌（三段，以“.”分隔）"));
    }
    setError(undefined);
    onSave(parsed.data);
  };

  return (
    <div className={styles.form}>
      <Text weight="semibold" size={400}>登录</Text>
      <Field label="服务器地址" required>
        <Input value={serverUrl} onChange={(_, d) => setServerUrl(d.value)} name="serverUrl" />
      </Field>
      <Field
        label="令牌"
        required
        hint="由管理员签发；只保存在本机加载项中，不会写入工作簿。"
        validationState={claims ? "success" : "none"}
        validationMessage={claims ? `身份：${ROLE_LABELS[claims.role]}${claims.unit ? ` · ${claims.unit}` : ""}` : undefined}
      >
        <Input value={token} onChange={(_, d) => setToken(d.value)} name="token" type="password" />
      </Field>
      <ErrorBar error={error} />
      <Button appearance="primary" onClick={save}>保存并登录</Button>
    </div>
  );
}
