// The local stack's sign-in: user name and password → a short-lived access token (the same HS256 tokens the
// API's local verifier checks, so one code path verifies every request) and a rotating refresh token.
//
// Thought through as an attacker would:
// - a wrong password and an unknown name get the same answer in the same time (a dummy scrypt check), and both
//   count towards the same lock, so neither the message nor the lock says who exists;
// - five wrong passwords within 15 minutes lock the name for 15 minutes, even for the right password (a lock
//   anyone can cause for anyone: it is short, and the admin's reset lifts it);
// - refresh tokens are random, stored only as SHA-256, and each is good once: presenting a replaced one means a
//   copy is out there, and the whole chain is revoked (after a grace of seconds for two panes racing);
// - the unit, role and name in a token come from the account, never from the request, and are read again at
//   every refresh, so a clerk moved to another unit or disabled loses the old access within one access token.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { SessionTokens } from "../../core/accounts/contract";
import { signLocalToken } from "../auth/local-tokens";
import { HttpError } from "../errors";
import type { SessionFamily, StoredUser, UserStore } from "../storage/user-store";
import { hashPassword, unknownUserHash, verifyPassword } from "./passwords";

export interface SignInPolicy {
  accessTokenSeconds: number;
  /** From sign-in: however often the session renews, it ends then. */
  sessionSeconds: number;
  lockAfter: number;
  windowSeconds: number;
  lockSeconds: number;
  /** A replaced refresh token presented again this soon is a race between two panes, not theft. */
  reuseGraceSeconds: number;
  challengeSeconds: number;
}

/** Ten-minute access (what a revocation or a move to another unit may lag by), a seven-day sign-in. */
export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  accessTokenSeconds: 10 * 60,
  sessionSeconds: 7 * 24 * 3600,
  lockAfter: 5,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
  reuseGraceSeconds: 30,
  challengeSeconds: 10 * 60,
};

export type LoginOutcome = { status: "signed-in"; session: SessionTokens } | { status: "new-password"; challenge: string };

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");
const secret = () => randomBytes(32).toString("base64url");

const WRONG = "用户名或密码不正确。";
const SESSION_ENDED = "登录已过期或已退出，请重新登录。";
const ended = (code = "session-ended", message = SESSION_ENDED) => new HttpError(401, code, message);

export class LocalSignIn {
  constructor(
    private readonly store: UserStore,
    private readonly key: Uint8Array,
    private readonly policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY,
    /** Epoch milliseconds; tests move it. */
    private readonly clock: () => number = Date.now,
  ) {}

  private now(): number {
    return Math.floor(this.clock() / 1000);
  }

  async login(username: string, password: string): Promise<LoginOutcome> {
    const now = this.now();
    const failures = await this.store.failedLogins(username);
    if (failures?.lockedUntil && failures.lockedUntil > now) throw this.locked(failures.lockedUntil - now);

    const user = await this.store.getUser(username);
    const passwordRight = await verifyPassword(user?.passwordHash ?? (await unknownUserHash()), password);
    if (!user || !passwordRight) {
      const counted = await this.store.recordFailedLogin(username, now, this.policy);
      if (counted.lockedUntil) throw this.locked(counted.lockedUntil - now);
      const left = this.policy.lockAfter - counted.count;
      throw new HttpError(401, "wrong-password", left <= 2 ? `${WRONG}再输错 ${left} 次，将锁定 ${this.policy.lockSeconds / 60} 分钟。` : WRONG);
    }
    if (failures) await this.store.clearFailedLogins(username);
    if (!user.enabled) throw new HttpError(403, "disabled", "此账号已停用，请联系管理员。");
    if (user.mustChangePassword) {
      const challenge = secret();
      await this.store.saveChallenge(username, { hash: sha256(challenge), expiresAt: now + this.policy.challengeSeconds });
      return { status: "new-password", challenge };
    }
    return { status: "signed-in", session: await this.startSession(user) };
  }

  /** First sign-in (or after a reset): the proof from login, and a new password that is not the old one. */
  async completeNewPassword(username: string, challenge: string, newPassword: string): Promise<SessionTokens> {
    const now = this.now();
    const user = await this.store.getUser(username);
    const proof = sha256(challenge);
    if (!user?.challenge || user.challenge.hash !== proof || user.challenge.expiresAt <= now) {
      throw new HttpError(401, "challenge-expired", "设置新密码的时限已过，请重新输入用户名和初始密码登录。");
    }
    if (!user.enabled) throw new HttpError(403, "disabled", "此账号已停用，请联系管理员。");
    if (await verifyPassword(user.passwordHash, newPassword)) {
      throw new HttpError(400, "same-password", "新密码不能与初始密码相同。", { path: "newPassword" });
    }
    const changed = await this.store.setPassword(username, await hashPassword(newPassword), {
      mustChange: false,
      at: new Date(this.clock()).toISOString(),
      usingChallenge: proof,
    });
    if (!changed) throw new HttpError(401, "challenge-expired", "设置新密码的时限已过，请重新输入用户名和初始密码登录。");
    return this.startSession({ ...user, mustChangePassword: false });
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    const now = this.now();
    const record = await this.store.findRefreshToken(sha256(refreshToken));
    if (!record || record.expiresAt <= now) throw ended();
    const family = await this.store.getSession(record.username, record.familyId);
    if (!family || family.revokedAt || family.expiresAt <= now) throw ended();
    if (record.generation !== family.generation) {
      if (family.rotatedAt !== undefined && now - family.rotatedAt <= this.policy.reuseGraceSeconds) {
        throw ended("refresh-superseded", "登录已在另一个窗口续期，请重新打开任务窗格。");
      }
      await this.store.revokeSession(family.username, family.id, now);
      throw ended("refresh-reused", "此登录凭据已被使用过，为安全起见已退出登录，请重新登录。");
    }
    const user = await this.store.getUser(record.username);
    if (!user?.enabled) {
      await this.store.revokeSession(family.username, family.id, now);
      throw ended("disabled", "此账号已停用，请联系管理员。");
    }
    const token = `${family.id}.${secret()}`;
    const next = { hash: sha256(token), username: user.username, familyId: family.id, generation: family.generation + 1, expiresAt: family.expiresAt };
    if (!(await this.store.rotateSession(family, next, now))) {
      throw ended("refresh-superseded", "登录已在另一个窗口续期，请重新打开任务窗格。");
    }
    return { accessToken: await this.accessToken(user), refreshToken: token, expiresIn: this.policy.accessTokenSeconds };
  }

  /** 退出登录: the chain of this refresh token ends. Says nothing about tokens it does not know. */
  async logout(refreshToken: string): Promise<void> {
    const record = await this.store.findRefreshToken(sha256(refreshToken));
    if (record) await this.store.revokeSession(record.username, record.familyId, this.now());
  }

  private async startSession(user: StoredUser): Promise<SessionTokens> {
    const now = this.now();
    const family: SessionFamily = { id: randomUUID(), username: user.username, generation: 1, createdAt: now, expiresAt: now + this.policy.sessionSeconds };
    const token = `${family.id}.${secret()}`;
    await this.store.startSession(family, { hash: sha256(token), username: user.username, familyId: family.id, generation: 1, expiresAt: family.expiresAt });
    return { accessToken: await this.accessToken(user), refreshToken: token, expiresIn: this.policy.accessTokenSeconds };
  }

  private accessToken(user: StoredUser): Promise<string> {
    return signLocalToken(
      this.key,
      { sub: user.id, role: user.role, name: user.name, ...(user.unit ? { unit: user.unit } : {}) },
      `${this.policy.accessTokenSeconds}s`,
    );
  }

  private locked(seconds: number): HttpError {
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return new HttpError(429, "locked", `密码输错次数过多，账号已暂时锁定，请 ${minutes} 分钟后再试，或请管理员重置密码。`);
  }
}
