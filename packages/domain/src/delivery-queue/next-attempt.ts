import type { DeliveryMessage } from "./delivery-message.ts";
import { nextRetryDelay, type RetryOptions } from "./retry-schedule.ts";

/** Queue delivery and clocks are not exact: a message this close to its due time is due. */
const EARLY_TOLERANCE_MS = 1000;

/** True when a message arrived before its `due_at` and must wait again (a chained long wait). */
export function isEarly(message: DeliveryMessage, now: number): boolean {
  return message.due_at !== null && message.due_at - EARLY_TOLERANCE_MS > now;
}

/**
 * The message for the next attempt after attempt `message.attempt` failed, due after the
 * schedule's wait, or null when the schedule is used up.
 */
export function nextAttempt<M extends DeliveryMessage>(
  message: M,
  now: number,
  options: RetryOptions,
): M | null {
  const waitS = nextRetryDelay(message.attempt, options);
  if (waitS === null) return null;
  return { ...message, attempt: message.attempt + 1, due_at: now + waitS * 1000 };
}
