// The local stack's accounts, as the sign-in and the admin's routes need them. On AWS the user pool holds the
// people instead (api/accounts/cognito-people.ts); this store is only for `npm start` and the tests.
// The DynamoDB implementation is dynamo-user-store.ts, beside it, in the same table as the ledgers.
import type { Role } from "../../core/accounts/person";

export interface StoredUser {
  /** The token's `sub`: stable for the account's life, never reused. */
  id: string;
  /** Lower-cased; the item's key. */
  username: string;
  name: string;
  role: Role;
  unit?: string;
  /** api/accounts/passwords.ts's "scrypt$…" string. */
  passwordHash: string;
  /** A temporary password: the next sign-in must choose a new one before it gets a session. */
  mustChangePassword: boolean;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** The one-time proof, hashed, that this person just gave the right temporary password (first sign-in). */
  challenge?: { hash: string; expiresAt: number };
}

/** Wrong passwords for one user name (known or not, so a lock says nothing about who exists). */
export interface FailedLogins {
  count: number;
  /** Epoch seconds: failures older than this no longer count. */
  windowEndsAt: number;
  /** Epoch seconds: until then every sign-in of this name is refused. */
  lockedUntil?: number;
}

/**
 * A sign-in's chain of refresh tokens. Each refresh replaces the current token (generation + 1); presenting an
 * older one means a copy is out there, and the whole chain is revoked.
 */
export interface SessionFamily {
  id: string;
  username: string;
  generation: number;
  createdAt: number;
  /** Epoch seconds: the chain ends here however often it was renewed; the person signs in again. */
  expiresAt: number;
  rotatedAt?: number;
  revokedAt?: number;
}

/** What is stored of one refresh token: only its SHA-256, never the token. */
export interface RefreshRecord {
  hash: string;
  username: string;
  familyId: string;
  generation: number;
  expiresAt: number;
}

export class UsernameTaken extends Error {
  constructor(readonly usernames: string[]) {
    super(`username taken: ${usernames.join(", ")}`);
  }
}

export type ProfileChange = Partial<Pick<StoredUser, "name" | "role" | "enabled">> & { unit?: string | null };

export interface UserStore {
  getUser(username: string): Promise<StoredUser | undefined>;
  listUsers(): Promise<StoredUser[]>;
  /** All or none; UsernameTaken names any that exist already. */
  createUsers(users: StoredUser[]): Promise<void>;
  /** undefined when there is no such user. */
  updateProfile(username: string, change: ProfileChange, at: string): Promise<StoredUser | undefined>;
  saveChallenge(username: string, challenge: { hash: string; expiresAt: number }): Promise<void>;
  /**
   * A new password hash. With `usingChallenge` the write holds only while that challenge is still the user's
   * (it is used up by the write); false when it was not.
   */
  setPassword(username: string, passwordHash: string, options: { mustChange: boolean; at: string; usingChallenge?: string }): Promise<boolean>;

  failedLogins(username: string): Promise<FailedLogins | undefined>;
  /** Counts one more wrong password; the `lockAfter`-th within the window locks the name for `lockSeconds`. */
  recordFailedLogin(username: string, now: number, policy: { windowSeconds: number; lockAfter: number; lockSeconds: number }): Promise<FailedLogins>;
  clearFailedLogins(username: string): Promise<void>;

  startSession(family: SessionFamily, first: RefreshRecord): Promise<void>;
  findRefreshToken(hash: string): Promise<RefreshRecord | undefined>;
  getSession(username: string, familyId: string): Promise<SessionFamily | undefined>;
  /** Moves the chain from `generation` to the next token; false when another refresh or a revocation came first. */
  rotateSession(family: SessionFamily, next: RefreshRecord, now: number): Promise<boolean>;
  revokeSession(username: string, familyId: string, now: number): Promise<void>;
  /** Every chain of the user (disabled, reset, moved): the next refresh of each fails. */
  revokeAllSessions(username: string, now: number): Promise<number>;
}
