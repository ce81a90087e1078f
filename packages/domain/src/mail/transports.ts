import { addressOf, fromHeader } from "./address.ts";
import { type MailConfig, MailError, type Mailer, type SendRaw } from "./mailer.ts";
import { buildMime } from "./mime.ts";

/**
 * POSTs `{from, to, subject, text, html}` as JSON with a bearer token: the shape of Resend's
 * API and of most mail relays. Any non-2xx answer is an error, so the queue retries it.
 */
export function httpMailer(config: MailConfig, fetchFn: typeof fetch): Mailer {
  if (!config.httpUrl) throw new MailError("MAIL_HTTP_URL is required for the http transport");
  const url = config.httpUrl;
  return {
    async send({ fromName, key, ...message }) {
      const response = await fetchFn(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(config.httpToken ? { authorization: `Bearer ${config.httpToken}` } : {}),
          // Resend and most relays drop a second request with the same key.
          ...(key ? { "idempotency-key": key } : {}),
        },
        body: JSON.stringify({ from: fromHeader(config.from, fromName), ...message }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new MailError(`mail API answered ${response.status}`);
    },
  };
}

/**
 * Cloudflare's `send_email` binding: the message is built as MIME here (multipart/alternative)
 * and sent from the address of `MAIL_FROM`, which must be on a domain with Email Routing.
 */
export function sendEmailMailer(config: MailConfig, sendRaw: SendRaw, now: number): Mailer {
  return {
    async send(message) {
      const raw = await buildMime({ ...message, from: config.from }, now);
      await sendRaw(addressOf(config.from), message.to, raw);
    },
  };
}

/**
 * Prints emails instead of sending them. With an outbox (`pnpm dev`), the MIME message goes
 * there instead, and the outbox prints it and keeps it as an .eml file.
 */
export function logMailer(
  config: MailConfig,
  log: (line: string) => void,
  now: number,
  outbox?: SendRaw,
): Mailer {
  return {
    async send(message) {
      if (!outbox) return log(`[mail] to ${message.to}: ${message.subject}\n${message.text}`);
      const raw = await buildMime({ ...message, from: config.from }, now);
      await outbox(addressOf(config.from), message.to, raw);
    },
  };
}
