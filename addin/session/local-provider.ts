// Sign-in against the local stack's own accounts (api/routes/auth.ts).
import { z } from "zod";
import { ErrorBody } from "../../core/api/contract";
import { LoginReply, SessionTokens } from "../../core/accounts/contract";
import { OFFLINE, SignInError, expiryOf, type SignInErrorKind, type SignInProvider, type Tokens } from "./provider";

const tokensOf = (session: SessionTokens): Tokens => ({ bearer: session.accessToken, refreshToken: session.refreshToken, expiresAt: expiryOf(session.accessToken) });

const KINDS: Record<string, SignInErrorKind> = {
  "wrong-password": "wrong",
  locked: "locked",
  disabled: "disabled",
  "session-ended": "ended",
  "refresh-reused": "ended",
  "refresh-superseded": "ended",
  "challenge-expired": "ended",
};

export function localProvider(apiUrl: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): SignInProvider {
  const base = apiUrl.replace(/\/+$/, "");
  const post = async <S extends z.ZodType>(path: string, body: unknown, reply: S): Promise<z.infer<S>> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/auth/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    } catch {
      throw new SignInError("offline", OFFLINE);
    }
    const json: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ErrorBody.safeParse(json);
      const code = error.success ? error.data.error.code : "";
      const kind = KINDS[code] ?? (response.status >= 500 ? "unavailable" : "invalid");
      const message = error.success ? error.data.error.message : `登录服务出错（${response.status}），请稍后重试。`;
      throw new SignInError(kind, message, code === "refresh-superseded");
    }
    return reply.parse(json);
  };

  return {
    mode: "local",
    async signIn(username, password) {
      const reply = await post("login", { username, password }, LoginReply);
      return reply.status === "signed-in" ? { kind: "signed-in", tokens: tokensOf(reply.session) } : { kind: "new-password", challenge: reply.challenge };
    },
    async completeNewPassword(username, challenge, newPassword) {
      const reply = await post("password", { username, challenge, newPassword }, LoginReply);
      if (reply.status !== "signed-in") throw new SignInError("invalid", "请重新登录。");
      return tokensOf(reply.session);
    },
    async refresh(_username, refreshToken) {
      return tokensOf(await post("refresh", { refreshToken }, SessionTokens));
    },
    async signOut(refreshToken) {
      await post("logout", { refreshToken }, z.unknown());
    },
    async forgotPassword() {
      return { kind: "ask-admin" };
    },
    async confirmForgotPassword() {
      throw new SignInError("invalid", "本地账号的密码由管理员重置。");
    },
  };
}
