import { createDb } from "@authpi/domain/db";
import {
  isBackChannelLogoutMessage,
  isMailMessage,
  mailLabel,
  parseDeliveryMessage,
} from "@authpi/domain/delivery-queue";
import { failDeadLetter } from "@authpi/domain/webhooks";
import type { Env } from "./env.ts";

/** How long the dead-letter consumer waits before trying a message again (D1 down). */
const RETRY_DELAY_S = 60;

/**
 * Consumes `authpi-deliveries-dlq`: each webhook message Queues gave up on becomes a `failed`
 * delivery with the reason (visible in the deliveries API) and counts against the webhook's
 * health. Emails have no delivery row; their dead letter is logged.
 */
export async function handleDeadLetters(batch: MessageBatch, env: Env, now: number) {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const body = parseDeliveryMessage(message.body);
    try {
      if (!body) console.error("dead letter that is not a delivery message", message.id);
      else if (isMailMessage(body)) {
        console.error("email dead-lettered", mailLabel(body));
      } else if (isBackChannelLogoutMessage(body)) {
        console.error("back-channel logout dead-lettered", body.client_id);
      } else {
        const failed = await failDeadLetter(db, body, message.attempts, now);
        if (failed) console.error("delivery dead-lettered and marked failed", failed.id);
      }
      message.ack();
    } catch (error) {
      console.error("could not record a dead letter; retrying", message.id, error);
      message.retry({ delaySeconds: RETRY_DELAY_S });
    }
  }
}
