import type { DeliveryConfig } from "@authpi/domain/webhooks/deliveries";
import type { Env } from "./env.ts";

/** Webhook settings from the worker's vars and secrets, production by default. */
export function webhookConfig(env: Env): DeliveryConfig {
  return {
    secretKey: env.KEY_ENCRYPTION_SECRET,
    urlPolicy: env.WEBHOOK_URL_POLICY === "development" ? "development" : "production",
    timeoutMs: Number(env.WEBHOOK_TIMEOUT_MS ?? 10_000),
    retryScale: 1,
  };
}
