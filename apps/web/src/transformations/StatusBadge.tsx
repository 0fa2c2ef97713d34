import type { TransformationStatus } from "../trpc";

// A record, so a status added to the API fails type-checking here until it gets a label.
export const statusLabels: Record<TransformationStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  canceled: "Canceled",
};

/** `live`: the status may change while shown, and the change is worth announcing. */
export function StatusBadge({
  status,
  live = false,
}: {
  status: TransformationStatus;
  live?: boolean;
}) {
  return (
    // Polite: a finished job is announced without interrupting what the user is reading.
    <span className={`status status-${status}`} aria-live={live ? "polite" : undefined}>
      {statusLabels[status]}
    </span>
  );
}
