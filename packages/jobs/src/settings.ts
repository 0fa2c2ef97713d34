import type { LlmSettings } from "@transmute/transform";
import { defaultTransformThreads } from "./threads/pool";

export interface WebhookSettings {
  /** Deadline for one delivery attempt: connecting, sending, and the receiver's answer. */
  timeoutSeconds: number;
  /** Attempts of a delivery (and of each replay) before it is marked failed. */
  maxAttempts: number;
  /** Wait before the second attempt; it doubles with each attempt after that. */
  retryDelaySeconds: number;
  /**
   * Plain http, and endpoints on loopback, private, link-local or unique-local addresses. Off in
   * production, where a webhook URL must not become a way into the server's own network.
   */
  allowPrivateNetworks: boolean;
}

export interface JobSettings {
  /** Worker loops per process; each takes a batch of jobs at a time. */
  concurrency: number;
  /** Worker threads that run the CPU-bound transformations of one process. */
  threads: number;
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
  webhooks: WebhookSettings;
}

export const defaultJobSettings: JobSettings = {
  concurrency: 2,
  threads: defaultTransformThreads,
  timeoutSeconds: 120,
  retryLimit: 3,
  retryDelaySeconds: 2,
  superviseIntervalSeconds: 30,
  maxQueuedPerWorkspace: 100,
  webhooks: {
    timeoutSeconds: 10,
    maxAttempts: 8,
    retryDelaySeconds: 30,
    allowPrivateNetworks: true,
  },
};
