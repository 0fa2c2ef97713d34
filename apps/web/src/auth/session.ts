import { isClientError } from "../errors";
import type { TokenPair } from "../trpc";

export type SessionStatus = "restoring" | "unreachable" | "signedIn" | "signedOut";

/** The two auth calls the session makes itself, outside the retrying link. */
export interface AuthEndpoints {
  refresh(refreshToken: string): Promise<TokenPair>;
  logout(refreshToken: string): Promise<unknown>;
}

const REFRESH_TOKEN_KEY = "transmute.refreshToken";
const LOCK_NAME = "transmute.refresh";
// Renewing a little early keeps a request from leaving with a token that expires in flight.
const EXPIRY_MARGIN_MS = 30_000;

/**
 * Refresh tokens rotate on every use and a reused one revokes the whole sign-in, so tabs that
 * share localStorage must never spend the same one twice: renewals take a cross-tab lock and read
 * the newest token inside it.
 */
function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  // Web Locks exist only in secure contexts; plain-HTTP LAN hosts go without.
  return "locks" in navigator ? navigator.locks.request(LOCK_NAME, task) : task();
}

/**
 * The signed-in state. The access token lives only in memory (nothing for injected scripts to
 * read after a reload); the refresh token lives in localStorage so a reload can sign back in.
 */
export class Session {
  private status: SessionStatus = "signedOut";
  private access: { token: string; expiresAt: number } | null = null;
  private renewal: Promise<string | null> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly endpoints: AuthEndpoints,
    private readonly storage: Pick<Storage, "getItem" | "setItem" | "removeItem">,
  ) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getStatus = () => this.status;

  signIn(tokens: TokenPair) {
    this.access = { token: tokens.accessToken, expiresAt: tokens.accessTokenExpiresAt.getTime() };
    this.storage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
    this.setStatus("signedIn");
  }

  /** A workspace switch: a new access token for the same sign-in, whose refresh token stays. */
  switchAccess(access: Pick<TokenPair, "accessToken" | "accessTokenExpiresAt">) {
    this.access = { token: access.accessToken, expiresAt: access.accessTokenExpiresAt.getTime() };
  }

  /** Forgets the session locally; `logout` also revokes it on the server. */
  signOut() {
    this.access = null;
    this.storage.removeItem(REFRESH_TOKEN_KEY);
    this.setStatus("signedOut");
  }

  async logout() {
    await withRefreshLock(async () => {
      const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
      // The token leaves this browser either way; if the server cannot be told, it just expires.
      if (refreshToken) await this.endpoints.logout(refreshToken).catch(() => undefined);
      this.signOut();
    });
  }

  /** Another tab signed out: follow it. */
  followStorage(event: StorageEvent) {
    if (event.key === REFRESH_TOKEN_KEY && event.newValue === null && this.status === "signedIn") {
      this.signOut();
    }
  }

  /** A refresh token is stored: a page load will most likely sign back in. */
  hasStoredSession(): boolean {
    return this.storage.getItem(REFRESH_TOKEN_KEY) !== null;
  }

  /** Signs in from the stored refresh token, as on a page load. */
  async restore() {
    if (!this.storage.getItem(REFRESH_TOKEN_KEY)) {
      this.setStatus("signedOut");
      return;
    }
    this.setStatus("restoring");
    try {
      await this.renew();
    } catch {
      // Keep the refresh token: the server may only be down for a moment.
      this.setStatus("unreachable");
    }
  }

  /** A token good for the next request, renewed first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    if (this.status !== "signedIn") return null;
    const access = this.access;
    if (access && access.expiresAt - Date.now() > EXPIRY_MARGIN_MS) return access.token;
    return this.renew();
  }

  /** After the server refused `rejected`: renews once, however many calls were refused together. */
  async renewAfterRejection(rejected: string): Promise<string | null> {
    if (this.access && this.access.token !== rejected) return this.access.token;
    return this.renew();
  }

  /** Single flight: concurrent callers share one refresh call. */
  private renew(): Promise<string | null> {
    this.renewal ??= withRefreshLock(() => this.exchange()).finally(() => {
      this.renewal = null;
    });
    return this.renewal;
  }

  private async exchange(): Promise<string | null> {
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    if (!refreshToken) {
      this.signOut();
      return null;
    }
    try {
      const tokens = await this.endpoints.refresh(refreshToken);
      this.signIn(tokens);
      return tokens.accessToken;
    } catch (error) {
      // A refused token ends the session; an unreachable server does not.
      if (!isClientError(error)) throw error;
      this.signOut();
      return null;
    }
  }

  private setStatus(status: SessionStatus) {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}
