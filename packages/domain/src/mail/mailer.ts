import { fromHeader } from "./address.ts";

/** One email, as plain text and HTML. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The display name in From (the issuer's), with the address of `MAIL_FROM`. */
  fromName?: string | undefined;
  /** The request's idempotency key: sent as `Idempotency-Key` where the transport takes one. */
  key?: string | undefined;
}

/** The mail adapter: where emails leave the system. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface MailConfig {
  /** `log` prints the email (local development); `http` POSTs it to a mail API. */
  transport: "log" | "http";
  from: string;
  httpUrl?: string | undefined;
  httpToken?: string | undefined;
}

export class MailError extends Error {}

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

/** Prints emails instead of sending them: `pnpm dev` shows invitation links in its output. */
export function logMailer(log: (line: string) => void): Mailer {
  return {
    async send(message) {
      log(`[mail] to ${message.to}: ${message.subject}\n${message.text}`);
    },
  };
}

export function createMailer(
  config: MailConfig,
  fetchFn: typeof fetch,
  log: (line: string) => void,
) {
  return config.transport === "http" ? httpMailer(config, fetchFn) : logMailer(log);
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}
