import { auditEvents, type AuditAction, type Database } from "@transmute/db";
import type { Client } from "./context";

export interface AuditEntry {
  workspaceId: string;
  action: AuditAction;
  actorId: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends to a workspace's audit log. Call it with the transaction doing the audited change, so
 * the entry commits or rolls back with it.
 */
export async function recordAudit(db: Database, client: Client, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    workspaceId: entry.workspaceId,
    action: entry.action,
    actorId: entry.actorId,
    targetId: entry.targetId ?? null,
    ip: client.ip,
    userAgent: client.userAgent,
    details: entry.details ?? {},
  });
}
