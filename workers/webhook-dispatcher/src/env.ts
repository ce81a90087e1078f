import type { DeliveryMessage } from "@authpi/domain/delivery-queue/delivery-message";
import type { MailConfig } from "@authpi/domain/mail/mailer";
import type { DeliveryConfig } from "@authpi/domain/webhooks/attempt-delivery";

export interface Env {
  DB: D1Database;
  DELIVERIES: Queue<DeliveryMessage>;
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
  WEBHOOK_DOH_URL?: string;
}

/** Delivery settings from the worker's vars, with production defaults. */
export function deliveryConfig(env: Env): DeliveryConfig {
  return {
    secretKey: env.KEY_ENCRYPTION_SECRET,
    urlPolicy: env.WEBHOOK_URL_POLICY === "development" ? "development" : "production",
    timeoutMs: Number(env.WEBHOOK_TIMEOUT_MS ?? 10_000),
    retryScale: Number(env.WEBHOOK_RETRY_SCALE ?? 1),
    dohUrl: env.WEBHOOK_DOH_URL || null,
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
