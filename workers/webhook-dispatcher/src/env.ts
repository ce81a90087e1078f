import type { MailConfig } from "@authpi/domain/mail/mailer";
import type { DeliveryConfig } from "@authpi/domain/webhooks/deliveries";

/** A webhook delivery to attempt, or an email to send (invitations). */
export type DeliveryMessage = { delivery_id: string } | MailMessageRef;

export interface MailMessageRef {
  mail: "invitation";
  invitation_id: string;
  event_id: string;
}

export function isMailMessage(message: DeliveryMessage): message is MailMessageRef {
  return "mail" in message;
}

export interface Env {
  DB: D1Database;
  DELIVERIES: Queue<DeliveryMessage>;
  DEAD_LETTERS: Queue<{ delivery_id: string; reason: string }>;
  /** Base URL of the IdP API, for links in emails. */
  IDP_BASE_URL: string;
  MAIL_TRANSPORT?: string;
  MAIL_FROM?: string;
  MAIL_HTTP_URL?: string;
  /** Secret (wrangler secret put) for the http mail transport. */
  MAIL_HTTP_TOKEN?: string;
  KEY_ENCRYPTION_SECRET: string;
  WEBHOOK_URL_POLICY?: string;
  WEBHOOK_TIMEOUT_MS?: string;
  WEBHOOK_RETRY_SCALE?: string;
}

/** Delivery settings from the worker's vars, with production defaults. */
export function deliveryConfig(env: Env): DeliveryConfig {
  return {
    secretKey: env.KEY_ENCRYPTION_SECRET,
    urlPolicy: env.WEBHOOK_URL_POLICY === "development" ? "development" : "production",
    timeoutMs: Number(env.WEBHOOK_TIMEOUT_MS ?? 10_000),
    retryScale: Number(env.WEBHOOK_RETRY_SCALE ?? 1),
  };
}

/** Mail settings from the worker's vars; `log` unless a transport is configured. */
export function mailConfig(env: Env): MailConfig {
  return {
    transport: env.MAIL_TRANSPORT === "http" ? "http" : "log",
    from: env.MAIL_FROM ?? "AuthPI Edge <no-reply@localhost>",
    httpUrl: env.MAIL_HTTP_URL,
    httpToken: env.MAIL_HTTP_TOKEN,
  };
}
