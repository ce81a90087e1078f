// The public face of this aggregate: import it as `@authpi/domain/delivery-queue`.
export * from "./delivery-message.ts";
export * from "./enqueue-delivery.ts";
export * from "./next-attempt.ts";
export * from "./retry-schedule.ts";
