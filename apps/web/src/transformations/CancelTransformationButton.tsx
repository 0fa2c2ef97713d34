import { FormError } from "../components/FormError";
import { trpc } from "../trpc";
import { listInput } from "./listCache";

export function CancelTransformationButton({ id, documentId }: { id: string; documentId: string }) {
  const utils = trpc.useUtils();
  const cancel = trpc.transformation.cancel.useMutation({
    onSuccess: () => utils.transformation.list.invalidate(listInput(documentId)),
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
