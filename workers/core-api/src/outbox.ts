import { createDb } from "@authpi/domain/db/client";
import { relayOutbox } from "@authpi/domain/events/outbox";
import type { Env } from "./env.ts";

/** Hands unsent events to the Queue; a failure leaves them for the cron relay. */
export async function relayPendingEvents(env: Env, now: number, minAgeMs = 0): Promise<void> {
  try {
    await relayOutbox(createDb(env.DB), {
      now,
      minAgeMs,
      send: async (messages) => {
        await env.EVENTS.sendBatch(messages.map((body) => ({ body, contentType: "json" })));
      },
    });
  } catch (error) {
    console.error("outbox relay failed; the cron relay will retry", error);
  }
}
