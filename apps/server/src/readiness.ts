import type { DatabaseHandle } from "@transmute/db";
import type { EventHub } from "@transmute/jobs";
import type { Logger } from "./logger";

/** How often the database is asked whether it takes writes; /readyz is at most this stale. */
const PROBE_INTERVAL_MS = 1_000;

export interface ReadinessState {
  ready: boolean;
  /** Why not, for people and load balancers' logs. */
  reason?:
    | "starting"
    | "shutting down"
    | "database unavailable"
    | "database read-only"
    | "live events reconnecting";
}

/**
 * Whether this process should be sent traffic, kept up to date in the background so `/readyz`
 * answers from memory: under load it never waits for a database connection, and a slow or
 * unreachable database never slows the probe.
 */
export class Readiness {
  private state: ReadinessState = { ready: false, reason: "starting" };
  private shuttingDown = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly events: EventHub,
    private readonly logger: Logger,
  ) {}

  get current(): ReadinessState {
    return this.shuttingDown ? { ready: false, reason: "shutting down" } : this.state;
  }

  async start(): Promise<void> {
    await this.probe();
    const loop = () => {
      this.timer = setTimeout(() => void this.probe().finally(loop), PROBE_INTERVAL_MS);
      this.timer.unref();
    };
    loop();
  }

  /** From now on not ready, whatever the database says: the first step of a shutdown. */
  shutDown(): void {
    this.shuttingDown = true;
    clearTimeout(this.timer);
  }

  private async probe(): Promise<void> {
    let next: ReadinessState;
    try {
      const writable = await withTimeout(this.database.writable(), PROBE_INTERVAL_MS);
      next = !writable
        ? { ready: false, reason: "database read-only" }
        : this.events.listening
          ? { ready: true }
          : { ready: false, reason: "live events reconnecting" };
    } catch {
      next = { ready: false, reason: "database unavailable" };
    }
    if (next.ready !== this.state.ready || next.reason !== this.state.reason) {
      this.logger[next.ready ? "info" : "warn"]({ readiness: next }, "readiness changed");
    }
    this.state = next;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
