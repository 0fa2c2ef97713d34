import { refreshSessions, sql } from "@transmute/db";
import type { SQL } from "drizzle-orm";
import { TRPCError } from "../trpc";

/**
 * True while the session (refresh family) an access token names is neither ended nor expired: a
 * live session has exactly one unspent refresh token, in the workspace of its latest access token.
 * An expression, so a workspace procedure checks it in its membership query with no extra round
 * trip; the application role may read just these columns, of its own workspace's rows. So an
 * access token from before a workspace switch ends with the switch, as the client has newer ones.
 */
export const sessionIsLive = (sessionId: string): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${refreshSessions}
    where ${refreshSessions.familyId} = ${sessionId}
      and ${refreshSessions.usedAt} is null
      and ${refreshSessions.revokedAt} is null
      and ${refreshSessions.expiresAt} > now())`;

/** Signing out, ending a session or changing the password ends its access tokens at once. */
export const sessionEnded = () =>
  new TRPCError({ code: "UNAUTHORIZED", message: "This session has ended; sign in again" });
