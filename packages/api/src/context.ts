import { isIP } from "node:net";
import type { Database } from "@transmute/db";
import type { EventHub, JobSettings, Queue } from "@transmute/jobs";
import type { AuthSettings } from "./auth/settings";
import { looksLikeApiKey } from "./api-keys";
import { verifyAccessToken, type AccessClaims } from "./auth/tokens";

export interface ApiDeps {
  db: Database;
  auth: AuthSettings;
  /** Development shows internal error messages; production replaces them. */
  exposeInternalErrors: boolean;
  jobs: { queue: Queue; events: EventHub; settings: JobSettings };
  /** Told of every running procedure, so a shutting-down server can wait for them. */
  track?: (work: Promise<unknown>) => void;
}

/** The authenticated caller as the access token describes them; not yet checked against the database. */
export interface Session {
  userId: string;
  workspaceId: string;
  /** The sign-in this token was issued to (its refresh-token family). */
  sessionId: string;
  /** When this access token expires. */
  expiresAt: Date;
}

/** Where a call came from, for the audit log, session list and sign-in throttling. */
export interface Client {
  ip: string | null;
  userAgent: string | null;
}

const unknownClient: Client = { ip: null, userAgent: null };

/**
 * Builds a context from plain values, so tests and server-side callers need no HTTP request.
 * The bearer token is an access token (a JWT) or an API key (`tm_…`). A JWT is verified here; an
 * invalid one yields `session: null` plus the reason, reported by authed procedures. A key needs
 * the database, so procedures look it up (see procedures.ts).
 */
export function createContextInner(
  deps: ApiDeps,
  bearer?: string | null,
  client: Client = unknownClient,
) {
  let session: Session | null = null;
  let authError: string | null = null;
  let apiKeySecret: string | null = null;
  if (bearer && looksLikeApiKey(bearer)) {
    apiKeySecret = bearer;
  } else if (bearer) {
    const verified = verifyAccessToken(deps.auth, bearer);
    if (verified.ok) session = toSession(verified.claims);
    else authError = verified.reason;
  }
  return { ...deps, session, apiKeySecret, authError, client };
}

const toSession = (claims: AccessClaims): Session => ({
  userId: claims.sub,
  workspaceId: claims.workspace_id,
  sessionId: claims.sid,
  expiresAt: new Date(claims.exp * 1000),
});

interface HttpContextOptions {
  /** Express's request: `ip` honours the app's `trust proxy` setting. */
  req: {
    headers: Record<string, string | string[] | undefined>;
    ip?: string | undefined;
    socket?: { remoteAddress?: string | undefined };
  };
  info?: {
    type?: string;
    connectionParams?: Record<string, string | undefined> | null;
  };
}

/**
 * The HTTP context: the bearer token (access token or API key) from the Authorization header or,
 * for subscriptions over SSE only (a browser's EventSource cannot send headers), from the
 * connection parameters. Queries and mutations can send a header, so they must: a token in a URL
 * ends up in proxy logs and browser history.
 */
export function createContextFactory(deps: ApiDeps) {
  return ({ req, info }: HttpContextOptions) => {
    const header = req.headers.authorization;
    const token =
      typeof header === "string" && header.startsWith("Bearer ")
        ? header.slice(7)
        : info?.type === "subscription"
          ? (info.connectionParams?.token ?? null)
          : null;
    const userAgent = req.headers["user-agent"];
    return createContextInner(deps, token, {
      // A trusted proxy may still pass on whatever its client wrote; anything that is not an
      // address is not stored, throttled on or shown, and the connection's own address stands in.
      ip:
        [req.ip, req.socket?.remoteAddress].find((ip) => ip !== undefined && isIP(ip) !== 0) ??
        null,
      userAgent: typeof userAgent === "string" ? userAgent.slice(0, 300) : null,
    });
  };
}

export type Context = ReturnType<typeof createContextInner>;
