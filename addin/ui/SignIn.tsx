import { Button, Field, Input, Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { PASSWORD_RULE_TEXT, passwordProblems } from "../../core/accounts/password-policy";
import { Username } from "../../core/accounts/person";
import type { ForgotOutcome, SignInProvider, Tokens } from "../session/provider";
import { ErrorBar, Notice, UserError, useWork } from "./feedback";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  links: { display: "flex", justifyContent: "space-between" },
  hint: { color: tokens.colorNeutralForeground3 },
});

type Step =
  | { kind: "password" }
  /** First sign-in (or after a reset): the temporary password was right, a new one is chosen here. */
  | { kind: "new-password"; username: string; challenge: string }
  | { kind: "forgot"; outcome?: ForgotOutcome };

/** A new password typed twice, checked against the one rule before it is sent. */
function checkNewPassword(password: string, again: string): void {
  const problems = passwordProblems(password);
  if (problems.length) throw new UserError(`新密码${problems.join("、")}。`);
  if (password !== again) throw new UserError("两次输入的新密码不一致。");
}

function usernameOf(typed: string): string {
  const parsed = Username.safeParse(typed);
  if (!parsed.success) throw new UserError(typed.trim() ? "用户名格式不正确，请核对管理员发给您的用户名。" : "请填写用户名。");
  return parsed.data;
}

/**
 * 登录: 用户名 and 密码. A temporary password leads to 设置新密码 here in the pane; 忘记密码 mails a code (Cognito)
 * or says who resets it (local accounts). `notice` is why the person is here again (the sign-in ended).
 */
export function SignIn(props: {
  provider: SignInProvider;
  notice?: string;
  onSignedIn(username: string, tokens: Tokens): void;
  onSettings(): void;
}) {
  const styles = useStyles();
  const work = useWork();
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [again, setAgain] = useState("");
  const [code, setCode] = useState("");
  const [done, setDone] = useState<string>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void work.run("正在登录…", async () => {
      setDone(undefined);
      if (step.kind === "password") {
        const name = usernameOf(username);
        if (!password) throw new UserError("请填写密码。");
        const result = await props.provider.signIn(name, password);
        setPassword("");
        if (result.kind === "signed-in") return props.onSignedIn(name, result.tokens);
        setStep({ kind: "new-password", username: name, challenge: result.challenge });
      } else if (step.kind === "new-password") {
        checkNewPassword(newPassword, again);
        const tokens = await props.provider.completeNewPassword(step.username, step.challenge, newPassword);
        props.onSignedIn(step.username, tokens);
      } else if (step.outcome?.kind === "code-sent") {
        checkNewPassword(newPassword, again);
        if (!code.trim()) throw new UserError("请填写邮件中的验证码。");
        await props.provider.confirmForgotPassword(usernameOf(username), code.trim(), newPassword);
        setStep({ kind: "password" });
        setDone("密码已重设，请用新密码登录。");
      } else {
        setStep({ kind: "forgot", outcome: await props.provider.forgotPassword(usernameOf(username)) });
      }
    });
  };

  const back = () => (setStep({ kind: "password" }), work.clearError(), setNewPassword(""), setAgain(""), setCode(""));
  const newPasswordFields = (
    <>
      <Field label="新密码" required hint={PASSWORD_RULE_TEXT}>
        <Input type="password" name="new-password" autoComplete="new-password" value={newPassword} onChange={(_, d) => setNewPassword(d.value)} />
      </Field>
      <Field label="确认新密码" required>
        <Input type="password" name="new-password-again" autoComplete="new-password" value={again} onChange={(_, d) => setAgain(d.value)} />
      </Field>
    </>
  );

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {step.kind === "password" && (
        <>
          <Text as="h2" weight="semibold" size={400}>登录</Text>
          {props.notice && <Notice intent="warning" title="请重新登录">{props.notice}</Notice>}
          {done && <Notice intent="success">{done}</Notice>}
          <Field label="用户名" required>
            <Input name="username" autoComplete="username" value={username} onChange={(_, d) => setUsername(d.value)} />
          </Field>
          <Field label="密码" required>
            <Input type="password" name="password" autoComplete="current-password" value={password} onChange={(_, d) => setPassword(d.value)} />
          </Field>
          <ErrorBar error={work.error} />
          <Button appearance="primary" type="submit" disabled={!!work.busy}>{work.busy ? "正在登录…" : "登录"}</Button>
          <div className={styles.links}>
            <Link as="button" type="button" onClick={() => (work.clearError(), setStep({ kind: "forgot" }))}>忘记密码</Link>
            <Link as="button" type="button" onClick={props.onSettings}>设置</Link>
          </div>
        </>
      )}
      {step.kind === "new-password" && (
        <>
          <Text as="h2" weight="semibold" size={400}>设置新密码</Text>
          <Text className={styles.hint}>{`${step.username}：这是首次登录（或密码已由管理员重置），请设置自己的新密码，临时密码随即失效。`}</Text>
          {newPasswordFields}
          <ErrorBar error={work.error} />
          <Button appearance="primary" type="submit" disabled={!!work.busy}>设置新密码并登录</Button>
          <Link as="button" type="button" onClick={back}>返回登录</Link>
        </>
      )}
      {step.kind === "forgot" && (
        <>
          <Text as="h2" weight="semibold" size={400}>忘记密码</Text>
          {props.provider.mode === "local" ? (
            <Notice intent="info" title="请联系管理员">
              本系统的密码由管理员重置：请联系管理员（账号页的“重置密码”），领取新的临时密码后登录并设置新密码。
            </Notice>
          ) : step.outcome?.kind === "code-sent" ? (
            <>
              <Notice intent="info">{`验证码已发送至${step.outcome.destination ? ` ${step.outcome.destination}` : "账号登记的邮箱"}，请在下面填写并设置新密码。`}</Notice>
              <Field label="验证码" required>
                <Input name="code" autoComplete="one-time-code" value={code} onChange={(_, d) => setCode(d.value)} />
              </Field>
              {newPasswordFields}
            </>
          ) : (
            <Field label="用户名" required hint="验证码将发送到账号登记的邮箱。">
              <Input name="username" autoComplete="username" value={username} onChange={(_, d) => setUsername(d.value)} />
            </Field>
          )}
          <ErrorBar error={work.error} />
          {props.provider.mode === "cognito" && (
            <Button appearance="primary" type="submit" disabled={!!work.busy}>{step.outcome ? "重设密码" : "发送验证码"}</Button>
          )}
          <Link as="button" type="button" onClick={back}>返回登录</Link>
        </>
      )}
    </form>
  );
}
