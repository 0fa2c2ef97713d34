import { FormError } from "../components/FormError";
import { trpc } from "../trpc";
import { listInput } from "./listCache";

export function RetryTransformationButton({ id, documentId }: { id: string; documentId: string }) {
  const utils = trpc.useUtils();
  const retry = trpc.transformation.retry.useMutation({
    onSuccess: () => utils.transformation.list.invalidate(listInput(documentId)),
  });
  return (
    <>
      <button type="button" disabled={retry.isPending} onClick={() => retry.mutate({ id })}>
        Retry
      </button>
      <FormError error={retry.error} />
    </>
  );
}
