import { useRef, useState } from "react";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { useFocusFirstInvalid } from "../components/useFocusFirstInvalid";
import { formErrors } from "../errors";
import { formText } from "../formText";
import { CopyButton } from "../transformations/CopyButton";
import { trpc, type Role } from "../trpc";
import { assignableRoles, roleDescriptions, roleLabels } from "./roles";

/** The link an invitee opens; the token in it is shown this once and stored only hashed. */
export const invitationLink = (token: string) => `${location.origin}/invite/${token}`;

export function InviteForm({ actorRole }: { actorRole: Role }) {
  const utils = trpc.useUtils();
  const form = useRef<HTMLFormElement>(null);
  const [role, setRole] = useState<Role>("editor");
  const invite = trpc.invitation.create.useMutation({
    onSuccess: () => {
      form.current?.reset();
      return utils.invitation.list.invalidate();
    },
  });
  // "Already a member" is about the address; "only an owner can invite an owner" about the role.
  const errors = formErrors(invite.error, ["email", "role"], {
    CONFLICT: "email",
    FORBIDDEN: "role",
  });
  useFocusFirstInvalid(form, invite.error);
  return (
    <section aria-labelledby="invite-heading" className="card">
      <h2 id="invite-heading">Invite someone</h2>
      <form
        ref={form}
        aria-label="Invite someone"
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          invite.mutate({ email: formText(event.currentTarget, "email"), role });
        }}
      >
        <Field label="Email" error={errors.field("email")}>
          <input name="email" type="email" autoComplete="off" required />
        </Field>
        <Field label="Role" error={errors.field("role")} hint={roleDescriptions[role]}>
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {assignableRoles(actorRole).map((option) => (
              <option key={option} value={option}>
                {roleLabels[option]}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={invite.isPending}>
          {invite.isPending ? "Inviting…" : "Create invitation link"}
        </button>
      </form>
      <FormError message={errors.form} />
      {invite.data && (
        <div role="status" className="invitation-link">
          <p>
            Send this link to <strong>{invite.data.invitation.email}</strong>. It is shown only now,
            works once, and expires in 7 days; whoever opens it signs in (or signs up) with that
            address to join as {roleLabels[invite.data.invitation.role].toLowerCase()}.
          </p>
          <div className="copy-row">
            <input
              readOnly
              aria-label="Invitation link"
              value={invitationLink(invite.data.token)}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton text={invitationLink(invite.data.token)} />
          </div>
        </div>
      )}
    </section>
  );
}
