import {
  queryRows,
  transformationEvents,
  type Database,
  type DatabaseHandle,
  type TransformationStatus,
} from "@transmute/db";
import { sql } from "drizzle-orm";

export const EVENTS_CHANNEL = "transmute_transformation_events";

export interface TransformationEvent {
  workspaceId: string;
  seq: number;
  transformationId: string;
  documentId: string;
  status: TransformationStatus;
  progress: number;
}

export interface ChangedTransformation {
  workspaceId: string;
  id: string;
  documentId: string;
  status: TransformationStatus;
  progress: number;
}

/**
 * Records a change in the event log and announces it. Runs inside the writer's tenant
 * transaction: NOTIFY is delivered on commit, so listeners never hear of a change that rolled
 * back, and the log row carries the sequence number a reconnecting subscriber resumes from.
 * One statement, as every job writes several events and each round trip counts.
 */
export async function recordEvent(
  tx: Database,
  row: ChangedTransformation,
): Promise<TransformationEvent> {
  // Sequence numbers are drawn at insert but become visible at commit. Serialising a workspace's
  // writers from here to their commit makes the two orders agree, so "everything after N", live
  // or on resume, never skips an event that committed late with a smaller N. The insert reads
  // its row from the lock's, so the lock is taken before the number is drawn.
  const [logged] = await queryRows<{ seq: number | string }>(
    tx,
    sql`with serialised as (
          select pg_advisory_xact_lock(hashtextextended(${row.workspaceId}::text, 0))
        ), logged as (
          insert into ${transformationEvents} (workspace_id, transformation_id, document_id, status, progress)
          select ${row.workspaceId}::uuid, ${row.id}::uuid, ${row.documentId}::uuid,
                 ${row.status}::transformation_status, ${row.progress}::int
          from serialised
          returning workspace_id, seq, transformation_id, document_id, status, progress
        )
        select seq, pg_notify(${EVENTS_CHANNEL}, json_build_object(
          'workspaceId', workspace_id, 'seq', seq, 'transformationId', transformation_id,
          'documentId', document_id, 'status', status, 'progress', progress)::text)
        from logged`,
  );
  return {
    workspaceId: row.workspaceId,
    seq: Number(logged!.seq),
    transformationId: row.id,
    documentId: row.documentId,
    status: row.status,
    progress: row.progress,
  };
}

type Listener = (event: TransformationEvent) => void;

/** What a subscriber hears besides events. */
export interface SubscriberSignals {
  /**
   * The LISTEN connection dropped and is back: events of the gap were not relayed. A stream
   * reads them from the event log.
   */
  resume?(): void;
  /** The process is shutting down: a stream ends, telling its client to reconnect elsewhere. */
  closing?(): void;
}

interface Subscriber {
  listener: Listener;
  signals: SubscriberSignals;
}

/**
 * One LISTEN per process, fanned out to in-process subscribers by workspace, so a thousand
 * open browser streams cost one database connection, and no one hears another tenant.
 */
export class EventHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();

  private stop: () => Promise<void> = () => Promise.resolve();

  /** False from a dropped LISTEN connection until LISTEN is back (readiness reports it). */
  listening = true;

  private constructor() {}

  static async connect(handle: DatabaseHandle): Promise<EventHub> {
    const hub = new EventHub();
    hub.stop = await handle.listen(EVENTS_CHANNEL, (payload) => hub.dispatch(payload), {
      onLost: () => {
        hub.listening = false;
      },
      onListening: () => {
        hub.listening = true;
        hub.signal("resume");
      },
    });
    return hub;
  }

  subscribe(workspaceId: string, listener: Listener, signals: SubscriberSignals = {}): () => void {
    let set = this.subscribers.get(workspaceId);
    if (!set) this.subscribers.set(workspaceId, (set = new Set()));
    const subscriber = { listener, signals };
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.subscribers.delete(workspaceId);
    };
  }

  /** Tells every subscriber the process is shutting down; the streams end. */
  shutdown(): void {
    this.signal("closing");
  }

  close(): Promise<void> {
    this.shutdown();
    this.subscribers.clear();
    return this.stop();
  }

  private signal(name: keyof SubscriberSignals): void {
    for (const set of this.subscribers.values())
      for (const subscriber of set) subscriber.signals[name]?.();
  }

  private dispatch(payload: string): void {
    const event = JSON.parse(payload) as TransformationEvent;
    for (const subscriber of this.subscribers.get(event.workspaceId) ?? [])
      subscriber.listener(event);
  }
}
