import { createDb } from "@authpi/domain/db/client";
import { createMailer } from "@authpi/domain/mail/mailer";
import { sendInvitationEmail } from "@authpi/domain/organizations/invitation-mail";
import { attemptDelivery } from "@authpi/domain/webhooks/deliveries";
import {
  type DeliveryMessage,
  deliveryConfig,
  type Env,
  isMailMessage,
  type MailMessageRef,
  mailConfig,
} from "./env.ts";

/** Sends one invitation email; a failure (mail API down) retries through the queue. */
async function handleMail(message: Message<DeliveryMessage>, body: MailMessageRef, env: Env) {
  try {
    const mailer = createMailer(mailConfig(env), fetch, (line) => console.log(line));
    await sendInvitationEmail(
      {
        db: createDb(env.DB),
        mailer,
        sealKey: env.KEY_ENCRYPTION_SECRET,
        idpBaseUrl: env.IDP_BASE_URL,
        now: Date.now(),
      },
      body,
    );
    message.ack();
  } catch (error) {
    console.error("invitation email failed; the queue will retry", body.invitation_id, error);
    const backoffS = 10 * 2 ** Math.min(message.attempts - 1, 6);
    message.retry({ delaySeconds: Math.round(backoffS * deliveryConfig(env).retryScale) });
  }
}

/**
 * Attempts each delivery once. A retryable failure schedules a fresh message after the
 * backoff delay (the attempt count lives in D1, not in the Queue); a delivery that used up
 * its retries goes to the dead-letter queue.
 */
export async function handleDeliveryBatch(batch: MessageBatch<DeliveryMessage>, env: Env) {
  const deps = {
    db: createDb(env.DB),
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    now: Date.now,
    config: deliveryConfig(env),
  };
  await Promise.all(
    batch.messages.map(async (message) => {
      const body = message.body;
      if (isMailMessage(body)) return handleMail(message, body, env);
      try {
        const outcome = await attemptDelivery(deps, body.delivery_id);
        if (outcome.retryInS !== null) {
          await env.DELIVERIES.send(
            { delivery_id: outcome.delivery.id },
            { delaySeconds: outcome.retryInS },
          );
        } else if (outcome.exhausted) {
          await env.DEAD_LETTERS.send({
            delivery_id: outcome.delivery.id,
            reason: outcome.delivery.lastError ?? "failed",
          });
        }
        message.ack();
      } catch (error) {
        console.error(
          "delivery attempt could not be recorded; the queue will retry",
          body.delivery_id,
          error,
        );
        message.retry({ delaySeconds: 30 });
      }
    }),
  );
}
