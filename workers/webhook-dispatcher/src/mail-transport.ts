import { createMailer, type Mailer } from "@authpi/domain/mail";
import { type Env, mailConfig } from "./env.ts";

/** The mailer of the configured transport (`MAIL_TRANSPORT`). */
export function createTransport(env: Env): Mailer {
  return createMailer(mailConfig(env), fetch, (line) => console.log(line));
}
