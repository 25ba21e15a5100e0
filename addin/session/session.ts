// The signed-in person's tokens in the pane: kept in the add-in's own storage (never in the workbook), renewed
// silently with the refresh token a minute before the bearer runs out or when the API says 401, and ended with a
// plain line when the sign-in was revoked or expired, which sends the pane back to the sign-in form.
import { z } from "zod";
import type { KeyValueStore } from "../api-client";
import { SignInError, type SignInProvider, type Tokens } from "./provider";

const SESSION_KEY = "taizhang.session";
const RENEW_BEFORE_MS = 60_000;

export const SavedSession = z.object({
  /** Which server and sign-in this belongs to; a session of another server is never sent to this one. */
  apiUrl: z.string(),
  username: z.string(),
  bearer: z.string(),
  refreshToken: z.string(),
  expiresAt: z.number(),
});
export type SavedSession = z.infer<typeof SavedSession>;

export function loadSession(store: KeyValueStore, apiUrl: string): SavedSession | undefined {
  try {
    const parsed = SavedSession.safeParse(JSON.parse(store.getItem(SESSION_KEY) ?? "null"));
    return parsed.success && parsed.data.apiUrl === apiUrl ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export class Session {
  private renewing: Promise<string | undefined> | undefined;
  private ended = false;

  constructor(
    private readonly provider: SignInProvider,
    private readonly store: KeyValueStore,
    private saved: SavedSession,
    /** Called once when the sign-in can no longer be renewed, with the line the sign-in form shows. */
    private readonly onEnded: (message: string) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  static start(provider: SignInProvider, store: KeyValueStore, apiUrl: string, username: string, tokens: Tokens, onEnded: (message: string) => void, clock?: () => number): Session {
    const saved: SavedSession = { apiUrl, username, ...tokens };
    store.setItem(SESSION_KEY, JSON.stringify(saved));
    return new Session(provider, store, saved, onEnded, clock);
  }

  get username(): string {
    return this.saved.username;
  }

  /** The bearer as it stands (to show who is signed in); calls use bearer(). */
  get currentBearer(): string {
    return this.saved.bearer;
  }

  /** The bearer to send now; renewed first when it is about to run out. */
  async bearer(): Promise<string> {
    this.adoptStored();
    if (this.saved.expiresAt - this.clock() > RENEW_BEFORE_MS) return this.saved.bearer;
    return (await this.renew()) ?? this.saved.bearer;
  }

  /** A fresh bearer (after a 401, or near expiry); undefined when the sign-in has ended. One renewal at a time. */
  renew(): Promise<string | undefined> {
    this.renewing ??= this.doRenew().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async doRenew(): Promise<string | undefined> {
    if (this.ended) return undefined;
    // Another pane of this add-in (another workbook) may have renewed the same sign-in already.
    const before = this.saved.refreshToken;
    this.adoptStored();
    if (this.saved.refreshToken !== before && this.saved.expiresAt - this.clock() > RENEW_BEFORE_MS) return this.saved.bearer;
    try {
      const tokens = await this.provider.refresh(this.saved.username, this.saved.refreshToken);
      this.saved = { ...this.saved, ...tokens };
      this.store.setItem(SESSION_KEY, JSON.stringify(this.saved));
      return tokens.bearer;
    } catch (error) {
      if (!(error instanceof SignInError) || error.kind === "offline" || error.kind === "unavailable") throw error;
      const after = loadSession(this.store, this.saved.apiUrl);
      if (error.superseded && after && after.refreshToken !== this.saved.refreshToken) {
        this.saved = after;
        return after.bearer;
      }
      this.end(error.message);
      return undefined;
    }
  }

  /** The add-in's storage is shared by its panes (one per open workbook): what one renewed, all use. */
  private adoptStored(): void {
    const stored = loadSession(this.store, this.saved.apiUrl);
    if (stored && stored.username === this.saved.username) this.saved = stored;
  }

  /** 退出登录: the server forgets the refresh token; this pane forgets everything. */
  async signOut(): Promise<void> {
    const { refreshToken } = this.saved;
    this.forget();
    await this.provider.signOut(refreshToken).catch(() => undefined);
  }

  private end(message: string): void {
    if (this.ended) return;
    this.forget();
    this.onEnded(message);
  }

  private forget(): void {
    this.ended = true;
    if (loadSession(this.store, this.saved.apiUrl)?.refreshToken === this.saved.refreshToken) this.store.removeItem(SESSION_KEY);
  }
}
