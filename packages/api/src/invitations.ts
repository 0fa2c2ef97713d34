import { createHash, randomBytes } from "node:crypto";
import { invitations } from "@transmute/db";
import { and, gt, isNull, sql } from "drizzle-orm";

/** How long an invitation can be accepted. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const invitationStatuses = ["pending", "accepted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** The token goes to the inviter once; the database keeps only its hash. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashInvitationToken(token) };
}

export const hashInvitationToken = (token: string): string =>
  createHash("sha256").update(token).digest("hex");

/** Still usable: neither accepted nor revoked, and not past its expiry by the database's clock. */
export const usable = and(
  isNull(invitations.acceptedAt),
  isNull(invitations.revokedAt),
  gt(invitations.expiresAt, sql`now()`),
);

/**
 * What a client sees of an invitation: never the token hash. The status is computed by the same
 * clock and rules as `usable`, so a listed "pending" one is one that can be accepted.
 */
export const invitationColumns = {
  id: invitations.id,
  workspaceId: invitations.workspaceId,
  email: invitations.email,
  role: invitations.role,
  invitedBy: invitations.invitedBy,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  acceptedBy: invitations.acceptedBy,
  revokedAt: invitations.revokedAt,
  createdAt: invitations.createdAt,
  status: sql<InvitationStatus>`case
    when ${invitations.acceptedAt} is not null then 'accepted'
    when ${invitations.revokedAt} is not null then 'revoked'
    when ${invitations.expiresAt} <= now() then 'expired'
    else 'pending' end`.as("status"),
};
