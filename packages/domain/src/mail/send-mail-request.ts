import { eq } from "drizzle-orm";
import { open } from "../crypto/sealed-box.ts";
import type { Db } from "../db/client.ts";
import { issuers } from "../db/schema.ts";
import type { MailRequestMessage } from "../delivery-queue/delivery-message.ts";
import { mailBrandOf } from "./mail-brand.ts";
import type { MailLedger } from "./mail-ledger.ts";
import type { Mailer } from "./mailer.ts";
import { MAIL_VALUES_PURPOSE } from "./queue-mail.ts";
import { renderMail } from "./render-mail.ts";

export interface SendMailDeps {
  db: Db;
  mailer: Mailer;
  ledger: MailLedger;
  sealKey: string;
  now: number;
}

/**
 * Sends one queued mail request: claims its key, opens its values, renders it with the issuer's
 * branding in its language, sends it and marks the key sent. A key already sent (a redelivered
 * message) sends nothing; one another attempt holds now is "busy" (try again after the lease);
 * a request whose issuer is gone is dropped.
 * A transport failure releases the key and throws, so the caller retries on the schedule.
 */
export async function sendMailRequest(
  deps: SendMailDeps,
  message: MailRequestMessage,
): Promise<"sent" | "skipped" | "busy"> {
  const issuer = await deps.db.query.issuers.findFirst({
    where: eq(issuers.id, message.issuer_id),
  });
  if (!issuer) return "skipped";
  const claim = await deps.ledger.claim(message.key, deps.now);
  if (claim === "sent") return "skipped";
  if (claim === "busy") return "busy";
  try {
    const values = JSON.parse(
      await open(deps.sealKey, MAIL_VALUES_PURPOSE, message.values_sealed),
    ) as Record<string, string>;
    const brand = mailBrandOf(issuer);
    const rendered = renderMail(message.template, values, brand, message.locale);
    await deps.mailer.send({ to: message.to, fromName: brand.name, key: message.key, ...rendered });
  } catch (error) {
    await deps.ledger.release(message.key);
    throw error;
  }
  await deps.ledger.markSent(message.key, deps.now);
  return "sent";
}
