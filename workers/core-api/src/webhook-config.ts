import type { WebhookConfig } from "@authpi/domain/webhooks";
import type { Env } from "./env.ts";

/** Webhook settings from the worker's vars and secrets, production by default. */
export function webhookConfig(env: Env): WebhookConfig {
  return {
    secretKey: env.KEY_ENCRYPTION_SECRET,
    urlPolicy: env.WEBHOOK_URL_POLICY === "development" ? "development" : "production",
  };
}
