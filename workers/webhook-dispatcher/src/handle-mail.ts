import { createDb } from "@authpi/domain/db";
import type { AnyMailMessage, MailRequestMessage } from "@authpi/domain/delivery-queue";
import { enqueueDelivery, isEarly, mailLabel, nextAttempt } from "@authpi/domain/delivery-queue";
import { sendMailRequest } from "@authpi/domain/mail";
import { sendInvitationEmail } from "@authpi/domain/organizations";
import { deliveryConfig, type Env } from "./env.ts";
import { mailLedger } from "./mail-ledger.ts";
import { createTransport } from "./mail-transport.ts";
import { LEASE_MS } from "./objects/mail-ledger-object.ts";

/** Sends one email; "busy" when another attempt of the same request holds its key now. */
async function send(body: AnyMailMessage, env: Env, now: number) {
  const base = {
    db: createDb(env.DB),
    mailer: createTransport(env),
    sealKey: env.KEY_ENCRYPTION_SECRET,
    now,
  };
  if (body.mail === "request") {
    return sendMailRequest({ ...base, ledger: mailLedger(env, body.issuer_id) }, body);
  }
  return sendInvitationEmail({ ...base, idpBaseUrl: env.IDP_BASE_URL }, body);
}

/**
 * Sends one email (an invitation, or a request of `queueMail`). A failure (mail API down) queues
 * the next attempt on the same retry schedule as webhooks; when the schedule is used up, the
 * failure is logged for good. A request another attempt is sending is looked at again after
 * that attempt's lease, so a crashed attempt never loses it.
 */
export async function handleMail(body: AnyMailMessage, env: Env, now: number) {
  if (isEarly(body, now)) return enqueueDelivery(env.DELIVERIES, body, now);
  try {
    const outcome = await send(body, env, now);
    if (outcome === "busy") {
      const later: MailRequestMessage = { ...(body as MailRequestMessage), due_at: now + LEASE_MS };
      await enqueueDelivery(env.DELIVERIES, later, now);
    }
  } catch (error) {
    const next = nextAttempt(body, now, { scale: deliveryConfig(env).retryScale });
    if (!next) {
      console.error("email failed on every attempt", mailLabel(body), error);
      return;
    }
    console.error("email failed; retrying", mailLabel(body), body.attempt, error);
    await enqueueDelivery(env.DELIVERIES, next, now);
  }
}
