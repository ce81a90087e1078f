import { z } from "zod";

/** Every message AuthPI emails, each rendered by one template of `@authpi/domain/mail`. */
export const MAIL_TEMPLATES = [
  "invitation",
  "email-verification",
  "password-reset",
  "sign-in-code",
  "email-change",
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

/**
 * One email to send. Branding, display name, links and from-name come from the issuer; `values`
 * are what the template fills in (`{ link, code, name }`), sealed on the queue since they hold
 * live codes and links. `key` is the idempotency key: one request sends at most one email.
 */
export interface MailRequest {
  template: MailTemplate;
  to: string;
  issuerId: string;
  /** A Locale of `@authpi/domain/i18n` ("en" | "fr" | "de"); unknown ones fall back to "en". */
  locale: string;
  values: Record<string, string>;
  key: string;
}

/** The limits a request is checked against before it is queued. */
export const MailRequestSchema = z.strictObject({
  template: z.enum(MAIL_TEMPLATES),
  to: z.email().max(320),
  issuerId: z.string().min(1).max(100),
  locale: z.string().min(2).max(35),
  values: z.record(z.string().max(100), z.string().max(4000)),
  key: z.string().min(1).max(200),
});
