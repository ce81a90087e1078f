// The public face of this aggregate: import it as `@authpi/domain/webhooks`.
export * from "./attempt-delivery.ts";
export * from "./create-deliveries.ts";
export * from "./dead-letter.ts";
export * from "./deliver-logout-token.ts";
export * from "./ip-ranges.ts";
export * from "./list-deliveries.ts";
export * from "./manage-webhooks.ts";
export * from "./record-health.ts";
export * from "./redeliver.ts";
export * from "./resolve-target.ts";
export * from "./send-delivery.ts";
export * from "./sign-delivery.ts";
export * from "./url-policy.ts";
export * from "./webhook-health.ts";
export * from "./webhook-input.ts";
export * from "./webhook-secrets.ts";
export * from "./webhook-wire.ts";
