import { FormError } from "../components/FormError";
import { trpc } from "../trpc";
import { listInput } from "./listCache";
import { LiveIndicator } from "./LiveIndicator";
import type { Catalogue } from "./pipeline";
import { TransformationItem } from "./TransformationItem";
import { useLiveTransformations } from "./useLiveTransformations";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Skeleton } from "../components/Skeleton";

interface TransformationListProps {
  documentId: string;
  documentTitle: string;
  catalogue: Catalogue;
  canWrite: boolean;
}

/** The document's transformations, newest first, kept current by the change stream. */
export function TransformationList({
  documentId,
  documentTitle,
  catalogue,
  canWrite,
}: TransformationListProps) {
  const subscription = useLiveTransformations(listInput(documentId));
  const list = trpc.transformation.list.useInfiniteQuery(listInput(documentId), {
    getNextPageParam: (page) => page.nextCursor,
  });

  const body = (() => {
    if (list.isPending) return <Skeleton label="Loading transformations…" lines={3} />;
    if (list.isError) return <FormError error={list.error} />;
    const items = list.data.pages.flatMap((page) => page.items);
    if (items.length === 0) {
      return (
        <p className="empty">
          No transformations yet.{canWrite && " Choose a kind above and press Start."}
        </p>
      );
    }
    return (
      <>
        <ul className="transformation-list" aria-label="Transformations">
          {items.map((item) => (
            <TransformationItem
              key={item.id}
              transformation={item}
              catalogue={catalogue}
              documentTitle={documentTitle}
              canWrite={canWrite}
            />
          ))}
        </ul>
        <LoadMoreButton list={list} />
      </>
    );
  })();

  return (
    <>
      <LiveIndicator subscription={subscription} />
      {body}
    </>
  );
}
