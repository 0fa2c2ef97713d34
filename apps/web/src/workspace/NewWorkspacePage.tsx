import { useRef } from "react";
import { useLocation } from "wouter";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { PageHeading } from "../components/PageHeading";
import { useToast } from "../components/Toasts";
import { useFocusFirstInvalid } from "../components/useFocusFirstInvalid";
import { formErrors } from "../errors";
import { formText } from "../formText";
import { trpc } from "../trpc";

export function NewWorkspacePage() {
  const [, navigate] = useLocation();
  const toast = useToast();
  const utils = trpc.useUtils();
  const form = useRef<HTMLFormElement>(null);
  const create = trpc.workspace.create.useMutation({
    onSuccess: async (workspace) => {
      await utils.workspace.mine.invalidate();
      toast({ message: `Created ${workspace.name}. You are its owner.` });
      // Its address switches the session to it.
      navigate(`/w/${workspace.id}/documents`);
    },
  });
  const errors = formErrors(create.error, ["name"]);
  useFocusFirstInvalid(form, create.error);
  return (
    <div className="narrow-page">
      <PageHeading title="Create a workspace">Create a workspace</PageHeading>
      <p>
        A workspace holds its own documents and members. You will be its owner, and can invite
        others once it exists.
      </p>
      <form
        ref={form}
        aria-label="Create a workspace"
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ name: formText(event.currentTarget, "name") });
        }}
      >
        <Field label="Name" error={errors.field("name")}>
          <input name="name" required maxLength={100} autoFocus />
        </Field>
        <FormError message={errors.form} />
        <button type="submit" disabled={create.isPending}>
          Create workspace
        </button>
      </form>
    </div>
  );
}
