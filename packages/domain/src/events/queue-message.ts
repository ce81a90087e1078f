import type { WireEvent } from "./event.ts";

/** What the APIs put on the events Queue and the dispatcher consumes (one definition). */
export interface EventMessage {
  v: 1;
  event: WireEvent;
}

export function isEventMessage(value: unknown): value is EventMessage {
  const message = value as EventMessage | null;
  return message?.v === 1 && typeof message.event?.id === "string";
}
