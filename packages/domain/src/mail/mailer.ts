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
  /**
   * `log` prints the email (and, under `pnpm dev`, keeps it as an .eml file); `http` POSTs it
   * to a mail API; `send_email` hands the MIME message to Cloudflare's Email binding.
   */
  transport: "log" | "http" | "send_email";
  from: string;
  httpUrl?: string | undefined;
  httpToken?: string | undefined;
}

/** What the transports need from the runtime: its fetch, log, clock and optional bindings. */
export interface MailerDeps {
  fetch: typeof fetch;
  log: (line: string) => void;
  now: number;
  /** Takes the raw message of the log transport (the local system writes it to an .eml file). */
  outbox?: SendRaw | undefined;
  /** Sends a raw message through the `send_email` binding. */
  sendEmail?: SendRaw | undefined;
}

/** Hands one raw RFC 5322 message on: envelope sender, recipient and the message. */
export type SendRaw = (from: string, to: string, raw: string) => Promise<void>;

export class MailError extends Error {}

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
