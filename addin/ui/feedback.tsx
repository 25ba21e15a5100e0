import {
  Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, ProgressBar, Spinner, Text, useAnnounce, makeStyles, tokens,
} from "@fluentui/react-components";
import { useCallback, useRef, useState } from "react";
import { ApiError } from "../api-client";
import { SheetProblem } from "../excel/run";
import { SignInError } from "../session/provider";

/** Something the person must fix in what they entered; shown as written. */
export class UserError extends Error {}

const API_TITLES: Record<ApiError["kind"], string> = {
  offline: "无法连接台账系统",
  timeout: "台账系统没有回应",
  unauthorized: "需要重新登录",
  forbidden: "没有权限",
  "not-found": "找不到内容",
  conflict: "同事已报送更新的台账",
  "plan-changed": "方案已更新",
  invalid: "内容有误",
  "too-large": "内容太多",
  busy: "请稍后再试",
  server: "台账系统出错",
  "bad-response": "加载项需要更新",
};

const SIGN_IN_TITLES: Record<SignInError["kind"], string> = {
  wrong: "登录未成功",
  locked: "账号已暂时锁定",
  disabled: "账号已停用",
  ended: "请重新登录",
  invalid: "请检查填写的内容",
  offline: "无法连接",
  unavailable: "登录服务暂不可用",
};

/**
 * Any failure as the sentence a person can act on. Only messages written for people are shown as they are (ours,
 * the API client's, Excel's as addin/excel words them); anything else gets a plain sentence, never its English.
 */
export function describeError(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError) return { title: API_TITLES[error.kind], message: error.message };
  if (error instanceof UserError) return { title: "请检查填写的内容", message: error.message };
  if (error instanceof SheetProblem) return { title: "表格操作未完成", message: error.message };
  if (error instanceof SignInError) return { title: SIGN_IN_TITLES[error.kind], message: error.message };
  console.error("taizhang:", error);
  return { title: "操作未完成", message: "加载项遇到了意外的问题：请保存工作簿后重试；如仍失败，请关闭并重新打开任务窗格。" };
}

/** A failure, said once; with `onRetry`, a 重试 button beside it. */
export function ErrorBar({ error, onRetry, retryLabel = "重试" }: { error: unknown; onRetry?: () => void; retryLabel?: string }) {
  if (error === undefined) return null;
  const { title, message } = describeError(error);
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>{retryLabel}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function Notice({ intent, title, children, actions }: { intent: "info" | "success" | "warning"; title?: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
      {actions && <MessageBarActions>{actions}</MessageBarActions>}
    </MessageBar>
  );
}

/** How far a piece of work is, when it can count: "已写入 120 / 400 行". */
export interface Progress {
  label: string;
  done?: number;
  total?: number;
}

const useBusyStyles = makeStyles({
  busy: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  line: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** What a long piece of work is doing, shown while it runs: a count and a filled bar where it can count. */
export function Busy({ label, progress }: { label: string | undefined; progress?: Progress }) {
  const styles = useBusyStyles();
  if (!label) return null;
  const shown = progress?.label ?? label;
  const fraction = progress?.total ? Math.min(1, (progress.done ?? 0) / progress.total) : undefined;
  // One progress bar, named by what is happening; the spinner beside the words is only decoration.
  return (
    <div className={styles.busy}>
      <span className={styles.line}>
        <Spinner size="extra-tiny" aria-hidden="true" role="presentation" />
        <Text size={200}>{shown}</Text>
      </span>
      <ProgressBar value={fraction} thickness="medium" aria-label={shown} />
    </div>
  );
}

/** Says a result to a screen reader (through the AriaLiveAnnouncer App puts around the pane). */
export function useSay(): (text: string) => void {
  const { announce } = useAnnounce();
  return useCallback((text: string) => announce(text, { polite: true }), [announce]);
}

/** Tells the running work how far it is. */
export type Step = (label: string, done?: number, total?: number) => void;

export interface Work {
  /** The label of the work under way, undefined when idle. */
  busy: string | undefined;
  /** How far it is, once it says so. */
  progress: Progress | undefined;
  error: unknown;
  /** Runs one piece of work at a time; its failure becomes `error` instead of escaping. */
  run<T>(label: string, work: (step: Step) => Promise<T>): Promise<T | undefined>;
  clearError(): void;
}

export function useWork(): Work {
  const [busy, setBusy] = useState<string | undefined>();
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<unknown>();
  const running = useRef(false);
  const run = useCallback(async <T,>(label: string, work: (step: Step) => Promise<T>) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(label);
    setProgress(undefined);
    setError(undefined);
    try {
      return await work((text, done, total) => setProgress({ label: text, done, total }));
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      running.current = false;
      setBusy(undefined);
      setProgress(undefined);
    }
  }, []);
  return { busy, progress, error, run, clearError: useCallback(() => setError(undefined), []) };
}
