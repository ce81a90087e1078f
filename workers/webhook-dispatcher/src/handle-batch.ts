import { createDb } from "@authpi/domain/db/client";
import { markDispatched } from "@authpi/domain/events/dispatch";
import { type EventMessage, isEventMessage } from "@authpi/domain/events/queue-message";
import type { Env } from "./env.ts";

/** Records that each event reached the dispatcher; malformed messages are dropped with a log. */
export async function handleEventBatch(batch: MessageBatch<EventMessage>, env: Env, now: number) {
  const valid = batch.messages.filter((message) => {
    if (isEventMessage(message.body)) return true;
    console.error("dropping malformed event message", message.id);
    message.ack();
    return false;
  });
  if (valid.length === 0) return;
  await markDispatched(
    createDb(env.DB),
    valid.map((message) => message.body.event.id),
    now,
  );
  for (const message of valid) message.ack();
}
