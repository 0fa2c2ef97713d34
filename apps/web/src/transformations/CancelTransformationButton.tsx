import { FormError } from "../components/FormError";
import { trpc } from "../trpc";

export function CancelTransformationButton({ id }: { id: string }) {
  const utils = trpc.useUtils();
  const cancel = trpc.transformation.cancel.useMutation({
    onSuccess: () =>
      Promise.all([
        // The document's list and the workspace's activity alike.
        utils.transformation.list.invalidate(),
        utils.transformation.get.invalidate({ id }),
      ]),
  });
  return (
    <>
      <button type="button" disabled={cancel.isPending} onClick={() => cancel.mutate({ id })}>
        Cancel
      </button>
      <FormError error={cancel.error} />
    </>
  );
}
