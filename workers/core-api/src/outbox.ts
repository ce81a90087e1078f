import { createDb } from "@authpi/domain/db/client";
import { relayToQueue } from "@authpi/domain/events/relay-to-queue";
import type { Env } from "./env.ts";

/** Hands unsent events to the Queue; a failure leaves them for the cron relay. */
export function relayPendingEvents(env: Env, now: number, minAgeMs = 0): Promise<void> {
  return relayToQueue(createDb(env.DB), env.EVENTS, now, minAgeMs);
}
