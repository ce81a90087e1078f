import type { DeliveryConfig } from "@authpi/domain/webhooks/deliveries";

export interface DeliveryMessage {
  delivery_id: string;
}

export interface Env {
  DB: D1Database;
  DELIVERIES: Queue<DeliveryMessage>;
  DEAD_LETTERS: Queue<DeliveryMessage & { reason: string }>;
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
