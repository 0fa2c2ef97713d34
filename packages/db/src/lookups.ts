import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { queryRows } from "./rows";

// The reads that come before any tenant or person is known. The application role cannot see
// these rows itself; each is a SECURITY DEFINER function (migration 0009) that takes the one
// secret or address it needs and returns one row.

export interface SignInAccount {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

export async function findSignInAccount(
  db: Database,
  email: string,
): Promise<SignInAccount | undefined> {
  const [row] = await queryRows<SignInAccount>(
    db,
    sql`select id, email, name, password_hash as "passwordHash" from sign_in_account(${email})`,
  );
  return row;
}

export interface KeyByHash {
  id: string;
  scopes: string[];
  revoked: boolean;
  expired: boolean;
  workspace: { id: string; name: string; createdAt: Date; updatedAt: Date };
}

/** Also stamps the key's last use, at most once a minute. */
export async function findApiKeyByHash(db: Database, hash: string): Promise<KeyByHash | undefined> {
  const [row] = await queryRows<{
    id: string;
    scopes: string[];
    revoked: boolean;
    expired: boolean;
    workspace_id: string;
    workspace_name: string;
    workspace_created_at: string | Date;
    workspace_updated_at: string | Date;
  }>(db, sql`select * from api_key_by_hash(${hash})`);
  if (!row) return undefined;
  return {
    id: row.id,
    scopes: row.scopes,
    revoked: row.revoked,
    expired: row.expired,
    // The drivers differ: postgres.js (under drizzle) hands timestamps over as text.
    workspace: {
      id: row.workspace_id,
      name: row.workspace_name,
      createdAt: new Date(row.workspace_created_at),
      updatedAt: new Date(row.workspace_updated_at),
    },
  };
}

/** The person a refresh token was issued to, if it was. */
export async function findRefreshTokenOwner(
  db: Database,
  hash: string,
): Promise<string | undefined> {
  const [row] = await queryRows<{ userId: string | null }>(
    db,
    sql`select refresh_token_owner(${hash}) as "userId"`,
  );
  return row?.userId ?? undefined;
}

/** The workspace an invitation token is for, if it is one. */
export async function findInvitationWorkspace(
  db: Database,
  hash: string,
): Promise<string | undefined> {
  const [row] = await queryRows<{ workspaceId: string | null }>(
    db,
    sql`select invitation_workspace(${hash}) as "workspaceId"`,
  );
  return row?.workspaceId ?? undefined;
}

export interface AbandonedTransformation {
  workspaceId: string;
  id: string;
  attempts: number;
  jobId: string | null;
}

/** Transformations of any workspace still `running` that started before the cutoff. */
export function findAbandonedTransformations(
  db: Database,
  startedBefore: Date,
  limit: number,
): Promise<AbandonedTransformation[]> {
  return queryRows<AbandonedTransformation>(
    db,
    sql`select workspace_id as "workspaceId", id, attempts, job_id as "jobId"
        from abandoned_transformations(${startedBefore.toISOString()}::timestamptz, ${limit})`,
  );
}
