import type { PubSub } from '@astron/kit/pubsub';
import type { RunEvent, RunsStore } from '../store/runs-store.js';

/** Events after which nothing more comes until someone acts (a resume starts a new stretch of events). */
export const CLOSING_EVENTS = new Set(['run-finished', 'run-failed', 'run-cancelled', 'run-paused']);

const channel = (runId: string) => `workflow-run.${runId}`;

export interface FollowOptions {
  /** The last event the client has (Last-Event-ID); 0 for all. */
  afterSeq: number;
  signal: AbortSignal;
  /** Ends the feed after a closing event (the default); false keeps following across pauses. */
  untilClosing?: boolean;
}

/**
 * A run's events for any number of readers on any instance: the event log in the database is the truth, and a
 * pub/sub message per write only says "read again". So a reader that connects late, reconnects with
 * Last-Event-ID, or misses a message (pub/sub keeps nothing) still gets every event, in order, exactly once.
 */
export function runFeed(store: RunsStore, pubsub: PubSub) {
  return {
    /** Called by executors and API actions after their events are committed. */
    async notify(runId: string, seq: number): Promise<void> {
      await pubsub.publish(channel(runId), String(seq));
    },

    async follow(runId: string, options: FollowOptions, deliver: (event: RunEvent) => void): Promise<void> {
      let last = options.afterSeq;
      let wake: (() => void) | null = null;
      let pending = true;
      const poke = () => {
        pending = true;
        wake?.();
      };
      const unsubscribe = await pubsub.subscribe(channel(runId), poke);
      options.signal.addEventListener('abort', poke, { once: true });
      // A notification lost with a dropped Redis connection costs at most this long.
      const safety = setInterval(poke, 2_000);
      try {
        while (!options.signal.aborted) {
          if (!pending) await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          pending = false;
          for (;;) {
            const events = await store.events(runId, last, 500);
            for (const event of events) {
              if (options.signal.aborted) return;
              deliver(event);
              last = event.seq;
              if (options.untilClosing !== false && CLOSING_EVENTS.has(event.type)) return;
            }
            if (events.length < 500) break;
          }
        }
      } finally {
        clearInterval(safety);
        options.signal.removeEventListener('abort', poke);
        await unsubscribe();
      }
    },
  };
}

export type RunFeed = ReturnType<typeof runFeed>;
