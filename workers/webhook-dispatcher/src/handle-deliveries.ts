import { createDb } from "@authpi/domain/db";
import {
  isBackChannelLogoutMessage,
  isMailMessage,
  nextRetryDelay,
  parseDeliveryMessage,
} from "@authpi/domain/delivery-queue";
import { deliverLogoutToken, runDelivery } from "@authpi/domain/webhooks";
import { deliveryConfig, type Env } from "./env.ts";
import { handleMail } from "./handle-mail.ts";

/**
 * Handles each message of the deliveries Queue: one webhook attempt (retries are new messages
 * on the schedule, queued by `runDelivery`) or one email. A message that cannot be processed
 * (D1 down, a bug) is retried by the Queue on the same schedule; after the consumer's
 * `max_retries` Queues moves it to `authpi-deliveries-dlq`, where `handleDeadLetters` records it.
 */
export async function handleDeliveryBatch(batch: MessageBatch, env: Env, now: () => number) {
  const config = deliveryConfig(env);
  const deps = {
    db: createDb(env.DB),
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    now,
    config,
    queue: env.DELIVERIES,
  };
  await Promise.all(
    batch.messages.map(async (message) => {
      const body = parseDeliveryMessage(message.body);
      if (!body) {
        console.error("dropping a message that is not a delivery", message.id);
        return message.ack();
      }
      try {
        if (isMailMessage(body)) await handleMail(body, env, now());
        else if (isBackChannelLogoutMessage(body)) {
          const step = await deliverLogoutToken(deps, body);
          // The token itself is never logged: it ends the RP's session until it expires.
          if (step.kind === "given_up" || step.kind === "retrying") {
            console.warn(`back-channel logout to ${body.client_id}: ${step.kind}: ${step.error}`);
          }
        } else await runDelivery(deps, body);
        message.ack();
      } catch (error) {
        console.error("delivery message failed; the queue will retry it", message.id, error);
        const waitS = nextRetryDelay(message.attempts, { scale: config.retryScale }) ?? 0;
        message.retry({ delaySeconds: waitS });
      }
    }),
  );
}
