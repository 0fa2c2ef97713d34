import { FormError } from "../components/FormError";
import { trpc } from "../trpc";

export function RetryTransformationButton({ id }: { id: string }) {
  const utils = trpc.useUtils();
  const retry = trpc.transformation.retry.useMutation({
    onSuccess: () =>
      Promise.all([
        // The document's list and the workspace's activity alike.
        utils.transformation.list.invalidate(),
        utils.transformation.get.invalidate({ id }),
      ]),
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
