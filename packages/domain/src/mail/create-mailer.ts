import { type MailConfig, MailError, type Mailer, type MailerDeps } from "./mailer.ts";
import { httpMailer, logMailer, sendEmailMailer } from "./transports.ts";

/** The mailer of the configured transport. */
export function createMailer(config: MailConfig, deps: MailerDeps): Mailer {
  if (config.transport === "http") return httpMailer(config, deps.fetch);
  if (config.transport === "send_email") {
    if (!deps.sendEmail) throw new MailError("MAIL_TRANSPORT=send_email needs the EMAIL binding");
    return sendEmailMailer(config, deps.sendEmail, deps.now);
  }
  return logMailer(config, deps.log, deps.now, deps.outbox);
}
