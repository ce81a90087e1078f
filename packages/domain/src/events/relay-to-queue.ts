import type { Db } from "../db/client.ts";
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
