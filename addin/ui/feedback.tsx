import { MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Spinner } from "@fluentui/react-components";
import { useCallback, useRef, useState } from "react";
import { ApiError } from "../api-client";
import { SignInError } from "../session/provider";

/** Something the person must fix in what they entered; shown as written. */
export class UserError extends Error {}

/** Any failure as the sentence a person can act on; an Excel error is named as such. */
export function describeError(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError) {
    const titles: Record<ApiError["kind"], string> = {
      offline: "无法连接服务器",
      timeout: "服务器响应超时",
      unauthorized: "需要重新登录",
      forbidden: "没有权限",
      "not-found": "找不到内容",
      conflict: "台账有冲突",
      invalid: "内容有误",
      server: "服务器出错",
      "bad-response": "版本不一致",
    };
    return { title: titles[error.kind], message: error.message };
  }
  if (error instanceof UserError) return { title: "请检查填写的内容", message: error.message };
  if (error instanceof SignInError) {
    const titles: Record<SignInError["kind"], string> = {
      wrong: "登录未成功",
      locked: "账号已暂时锁定",
      disabled: "账号已停用",
      ended: "请重新登录",
      invalid: "请检查填写的内容",
      offline: "无法连接",
      unavailable: "登录服务暂不可用",
    };
    return { title: titles[error.kind], message: error.message };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { title: "操作未完成", message: `${text}。请检查表格后重试；如仍失败，请关闭并重新打开任务窗格。` };
}

export function ErrorBar({ error }: { error: unknown }) {
  if (error === undefined) return null;
  const { title, message } = describeError(error);
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Notice({ intent, title, children }: { intent: "info" | "success" | "warning"; title?: string; children: React.ReactNode }) {
  return (
    <MessageBar intent={intent}>
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

/** What a long piece of work is doing, shown while it runs. */
export function Busy({ label, value }: { label: string | undefined; value?: number }) {
  if (!label) return null;
  return (
    <div aria-live="polite">
      <Spinner size="tiny" label={label} labelPosition="after" />
      <ProgressBar value={value} thickness="medium" />
    </div>
  );
}

export interface Work {
  /** The label of the work under way, undefined when idle. */
  busy: string | undefined;
  error: unknown;
  /** Runs one piece of work at a time; its failure becomes `error` instead of escaping. */
  run<T>(label: string, work: () => Promise<T>): Promise<T | undefined>;
  clearError(): void;
}

export function useWork(): Work {
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const running = useRef(false);
  const run = useCallback(async <T,>(label: string, work: () => Promise<T>) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(label);
    setError(undefined);
    try {
      return await work();
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      running.current = false;
      setBusy(undefined);
    }
  }, []);
  return { busy, error, run, clearError: useCallback(() => setError(undefined), []) };
}
