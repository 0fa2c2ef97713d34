import type { AuditAction } from "../trpc";

// A record, so an action added to the API fails type-checking here until it gets a label.
export const auditActionLabels: Record<AuditAction, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "member.role_changed": "Changed a role",
  "member.removed": "Removed a member",
  "invitation.created": "Invited someone",
  "invitation.accepted": "Accepted an invitation",
  "invitation.revoked": "Revoked an invitation",
  "workspace.renamed": "Renamed the workspace",
  "api_key.created": "Created an API key",
  "api_key.revoked": "Revoked an API key",
  "webhook.created": "Added a webhook",
  "webhook.updated": "Changed a webhook",
  "webhook.deleted": "Removed a webhook",
};

export const auditActions = Object.keys(auditActionLabels) as AuditAction[];

export const isAuditAction = (value: string | null): value is AuditAction =>
  value !== null && Object.hasOwn(auditActionLabels, value);
