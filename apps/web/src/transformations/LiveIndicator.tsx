import { errorMessage } from "../errors";
import type { useLiveTransformations } from "./useLiveTransformations";

type Subscription = Pick<ReturnType<typeof useLiveTransformations>, "status" | "error">;

/** Says whether the list below is live, so a stalled stream is not mistaken for idle jobs. */
export function LiveIndicator({ subscription }: { subscription: Subscription }) {
  const text = (() => {
    switch (subscription.status) {
      case "pending":
        return "Live";
      case "connecting":
        return subscription.error
          ? `Reconnecting to live updates… (${errorMessage(subscription.error)})`
          : "Connecting to live updates…";
      case "error":
        return `Live updates stopped: ${errorMessage(subscription.error)}. Retrying shortly.`;
      case "idle":
        return "Live updates ended.";
    }
  })();
  return (
    <p role="status" className={`live live-${subscription.status}`}>
      {text}
    </p>
  );
}
