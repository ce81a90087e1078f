import { createDb } from "@authpi/domain/db";
import type { MailDeliveryMessage } from "@authpi/domain/delivery-queue";
import { enqueueDelivery, isEarly, nextAttempt } from "@authpi/domain/delivery-queue";
import { createMailer } from "@authpi/domain/mail";
import { sendInvitationEmail } from "@authpi/domain/organizations";
import { deliveryConfig, type Env, mailConfig } from "./env.ts";

/**
 * Sends one invitation email. A failure (mail API down) queues the next attempt on the same
 * retry schedule as webhooks; when the schedule is used up, the failure is logged for good.
 */
export async function handleMail(body: MailDeliveryMessage, env: Env, now: number) {
  if (isEarly(body, now)) return enqueueDelivery(env.DELIVERIES, body, now);
  try {
    const mailer = createMailer(mailConfig(env), fetch, (line) => console.log(line));
    await sendInvitationEmail(
      {
        db: createDb(env.DB),
        mailer,
        sealKey: env.KEY_ENCRYPTION_SECRET,
        idpBaseUrl: env.IDP_BASE_URL,
        now,
      },
      body,
    );
  } catch (error) {
    const next = nextAttempt(body, now, { scale: deliveryConfig(env).retryScale });
    if (!next) {
      console.error("invitation email failed on every attempt", body.invitation_id, error);
      return;
    }
    console.error("invitation email failed; retrying", body.invitation_id, body.attempt, error);
    await enqueueDelivery(env.DELIVERIES, next, now);
  }
}
