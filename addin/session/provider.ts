// How the pane signs a person in, whoever holds the accounts: the local stack's /auth routes (local-provider.ts)
// or the Cognito user pool directly (cognito-provider.ts). The sign-in form and the session never know which.

/** What a sign-in yields: the bearer the API checks, the token that renews it, and when the bearer runs out. */
export interface Tokens {
  bearer: string;
  refreshToken: string;
  /** Epoch milliseconds, from the bearer's own `exp`. */
  expiresAt: number;
}

export type SignInStep =
  | { kind: "signed-in"; tokens: Tokens }
  /** A temporary password was right; a new one must be chosen (`challenge` proves the first step). */
  | { kind: "new-password"; challenge: string };

export type ForgotOutcome =
  /** Local accounts: nobody mails anything; the admin resets the password. */
  | { kind: "ask-admin" }
  /** Cognito mailed a code to the address on the account. */
  | { kind: "code-sent"; destination?: string };

export type SignInErrorKind = "wrong" | "locked" | "disabled" | "ended" | "invalid" | "offline" | "unavailable";

/** A refusal, with the sentence the form shows (Chinese, no codes). */
export class SignInError extends Error {
  constructor(
    readonly kind: SignInErrorKind,
    message: string,
    /** Local refresh only: another pane renewed this sign-in first; its tokens may be in storage. */
    readonly superseded = false,
  ) {
    super(message);
    this.name = "SignInError";
  }
}

export interface SignInProvider {
  readonly mode: "local" | "cognito";
  signIn(username: string, password: string): Promise<SignInStep>;
  completeNewPassword(username: string, challenge: string, newPassword: string): Promise<Tokens>;
  /** A fresh bearer; SignInError("ended") when the sign-in was revoked or has expired. */
  refresh(username: string, refreshToken: string): Promise<Tokens>;
  /** 退出登录: the refresh token stops working. */
  signOut(refreshToken: string): Promise<void>;
  forgotPassword(username: string): Promise<ForgotOutcome>;
  /** Cognito only: the mailed code and a new password. */
  confirmForgotPassword(username: string, code: string, newPassword: string): Promise<void>;
}

export const OFFLINE = "无法连接登录服务，请检查网络后重试。";

/** The `exp` of a JWT in epoch ms (display and timing only; the server checks the signature). */
export function expiryOf(jwt: string): number {
  try {
    const payload = jwt.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/");
    const exp = JSON.parse(atob(payload)).exp;
    return typeof exp === "number" ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}
