// The public face of this aggregate: import it as `@authpi/domain/events`.
export * from "./aggregate-events.ts";
export * from "./catalogue.ts";
export * from "./dispatch.ts";
export * from "./event.ts";
export * from "./list-events.ts";
export * from "./outbox.ts";
export * from "./queue-message.ts";
export * from "./record-events.ts";
export * from "./relay-to-queue.ts";
