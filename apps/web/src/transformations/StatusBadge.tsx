import type { TransformationStatus } from "../trpc";

// A record, so a status added to the API fails type-checking here until it gets a label.
const labels: Record<TransformationStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  canceled: "Canceled",
};

export function StatusBadge({ status }: { status: TransformationStatus }) {
  return (
    // Polite: a finished job is announced without interrupting what the user is reading.
    <span className={`status status-${status}`} aria-live="polite">
      {labels[status]}
    </span>
  );
}
