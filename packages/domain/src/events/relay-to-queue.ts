import { createDb, type Db } from "../db/client.ts";
import { relayOutbox } from "./outbox.ts";
import type { EventMessage } from "./queue-message.ts";

interface EventQueue {
  sendBatch(messages: Iterable<{ body: EventMessage; contentType?: "json" }>): Promise<unknown>;
}

/** Hands unsent events to the Queue; a failure is logged and left for the cron relay. */
export async function relayToQueue(
  db: Db,
  queue: EventQueue,
  now: number,
  minAgeMs = 0,
): Promise<void> {
  try {
    await relayOutbox(db, {
      now,
      minAgeMs,
      send: async (messages) => {
        await queue.sendBatch(messages.map((body) => ({ body, contentType: "json" as const })));
      },
    });
  } catch (error) {
    console.error("outbox relay failed; the cron relay will retry", error);
  }
}

/**
 * The outbox relay as both APIs run it, after a request and from their cron: the worker hands
 * in its `DB` and `EVENTS` bindings. `minAgeMs` keeps the cron from racing fresh requests.
 */
export function relayPendingEvents(
  bindings: { DB: D1Database; EVENTS: EventQueue },
  now: number,
  minAgeMs = 0,
): Promise<void> {
  return relayToQueue(createDb(bindings.DB), bindings.EVENTS, now, minAgeMs);
}
