import { useState } from "react";
import { RelativeTime } from "../components/RelativeTime";
import type { Member, Role } from "../trpc";
import { assignableRoles, mayManage, roleLabels } from "./roles";

interface MemberRowProps {
  member: Member;
  actorRole: Role;
  isMe: boolean;
  canManage: boolean;
  /** The only owner can be neither demoted nor removed. */
  lastOwner: boolean;
  onChangeRole: (role: Role) => void;
  onRemove: () => void;
}

export function MemberRow({
  member,
  actorRole,
  isMe,
  canManage,
  lastOwner,
  onChangeRole,
  onRemove,
}: MemberRowProps) {
  const [confirming, setConfirming] = useState(false);
  const manageable = canManage && !isMe && mayManage(actorRole, member.role);
  return (
    <li className="row">
      <span className="row-main">
        <strong>{member.name}</strong>
        {isMe && <span className="role"> (you)</span>}
        <span className="hint">{member.email}</span>
      </span>
      {manageable ? (
        <label className="inline-field">
          <span className="visually-hidden">Role of {member.name}</span>
          <select
            value={member.role}
            disabled={lastOwner}
            title={lastOwner ? "The last owner keeps the owner role" : undefined}
            onChange={(event) => onChangeRole(event.target.value as Role)}
          >
            {assignableRoles(actorRole).map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="role">{roleLabels[member.role]}</span>
      )}
      <span className="hint">
        Joined <RelativeTime date={member.joinedAt} />
      </span>
      {manageable &&
        !lastOwner &&
        (confirming ? (
          <span role="group" aria-label={`Confirm removing ${member.name}`} className="confirm">
            <button type="button" className="danger" onClick={onRemove}>
              Remove {member.name}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            aria-label={`Remove ${member.name} from the workspace`}
            onClick={() => setConfirming(true)}
          >
            Remove
          </button>
        ))}
    </li>
  );
}
