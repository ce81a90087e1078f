import { EmailMessage } from "cloudflare:email";
import { createMailer, type Mailer, type SendRaw } from "@authpi/domain/mail";
import { type Env, mailConfig } from "./env.ts";

/** The `send_email` binding, when the worker has one: the raw message as `cloudflare:email` wants it. */
function sendEmail(env: Env): SendRaw | undefined {
  const binding = env.EMAIL;
  if (!binding) return undefined;
  return async (from, to, raw) => {
    await binding.send(new EmailMessage(from, to, raw));
  };
}

/** The local system's outbox (`pnpm dev`): it prints each email and keeps it as an .eml file. */
function outbox(env: Env): SendRaw | undefined {
  const binding = env.MAIL_OUTBOX;
  if (!binding) return undefined;
  return async (from, to, raw) => {
    const response = await binding.fetch("http://mail-outbox/", {
      method: "POST",
      headers: { "content-type": "message/rfc822", "x-mail-from": from, "x-mail-to": to },
      body: raw,
    });
    if (!response.ok) throw new Error(`mail outbox answered ${response.status}`);
  };
}

/** The mailer of the configured transport (`MAIL_TRANSPORT`). */
export function createTransport(env: Env, now: number): Mailer {
  return createMailer(mailConfig(env), {
    fetch: (input, init) => fetch(input, init),
    log: (line) => console.log(line),
    now,
    outbox: outbox(env),
    sendEmail: sendEmail(env),
  });
}
