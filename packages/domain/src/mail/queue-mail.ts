import { seal } from "../crypto/sealed-box.ts";
import { type DeliveryQueue, enqueueDelivery } from "../delivery-queue/enqueue-delivery.ts";
import { type MailRequest, MailRequestSchema } from "./mail-request.ts";
import { MailError } from "./mailer.ts";
import { REQUIRED_VALUES } from "./templates.ts";

/** The purpose label a mail request's values are sealed under on the queue. */
export const MAIL_VALUES_PURPOSE = "mail-values";

/** The bindings `queueMail` needs: the deliveries queue's producer and the sealing secret. */
export interface MailQueueEnv {
  DELIVERIES: DeliveryQueue;
  KEY_ENCRYPTION_SECRET: string;
}

/**
 * Seals `values` (they hold live codes and links) and puts the request on the deliveries queue,
 * where the dispatcher renders it with the issuer's branding and sends it, with retries, at most
 * once per `request.key`. Throws a ZodError for a request outside its limits and a MailError
 * when the template's values are missing.
 */
export async function queueMail(env: MailQueueEnv, request: MailRequest, now: number) {
  const valid = MailRequestSchema.parse(request);
  const missing = REQUIRED_VALUES[valid.template].filter((name) => !valid.values[name]);
  if (missing.length) throw new MailError(`${valid.template} needs ${missing.join(", ")}`);
  const sealed = await seal(
    env.KEY_ENCRYPTION_SECRET,
    MAIL_VALUES_PURPOSE,
    JSON.stringify(valid.values),
  );
  await enqueueDelivery(
    env.DELIVERIES,
    {
      mail: "request",
      template: valid.template,
      to: valid.to.toLowerCase(),
      issuer_id: valid.issuerId,
      locale: valid.locale,
      values_sealed: sealed,
      key: valid.key,
    },
    now,
  );
}
