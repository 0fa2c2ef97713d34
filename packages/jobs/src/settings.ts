import type { LlmSettings } from "@transmute/transform";

export interface JobSettings {
  /** Jobs one process runs at once. */
  concurrency: number;
  /** A job still running after this is aborted (and, if its worker died, taken up again). */
  timeoutSeconds: number;
  /** Further tries after a transient failure, with exponential backoff from `retryDelaySeconds`. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** How often the queue looks for jobs whose worker died (their expiry has passed). */
  superviseIntervalSeconds: number;
  /** Queued or running transformations one workspace may have. */
  maxQueuedPerWorkspace: number;
  llm?: LlmSettings;
}

export const defaultJobSettings: JobSettings = {
  concurrency: 2,
  timeoutSeconds: 120,
  retryLimit: 3,
  retryDelaySeconds: 2,
  superviseIntervalSeconds: 30,
  maxQueuedPerWorkspace: 100,
};
