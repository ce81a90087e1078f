import { DeliveryMessage, type DeliveryMessageInput } from "./delivery-message.ts";

/**
 * The longest delay we ask of one Queue message. Cloudflare's limits page has said 12 h and
 * now says 24 h for `delaySeconds`; staying at 12 h works under both, and longer waits are
 * chained (the consumer re-enqueues a message that arrives before its `due_at`).
 */
export const MAX_QUEUE_DELAY_S = 43_200;
/** Queues takes at most 100 messages per `sendBatch`. */
const SEND_BATCH = 100;

/** The producer side of the deliveries Queue (a `Queue<DeliveryMessage>` binding fits). */
export interface DeliveryQueue {
  sendBatch(
    messages: Iterable<{ body: DeliveryMessage; contentType?: "json"; delaySeconds?: number }>,
  ): Promise<unknown>;
}

/**
 * Puts delivery messages on the Queue, validated against the one contract. With `now`, each
 * message waits until its `due_at` (capped at the Queue's delay limit; the consumer chains the
 * rest); without, it is delivered at once.
 */
export async function enqueueDelivery(
  queue: DeliveryQueue,
  messages: DeliveryMessageInput | readonly DeliveryMessageInput[],
  now?: number,
): Promise<void> {
  const list = (Array.isArray(messages) ? messages : [messages]).map((m) =>
    DeliveryMessage.parse(m),
  );
  for (let i = 0; i < list.length; i += SEND_BATCH) {
    await queue.sendBatch(
      list.slice(i, i + SEND_BATCH).map((body) => ({
        body,
        contentType: "json" as const,
        delaySeconds: queueDelay(body.due_at, now),
      })),
    );
  }
}

/** Seconds until `dueAt`, within what one Queue message can wait. */
export function queueDelay(dueAt: number | null, now: number | undefined): number {
  if (dueAt === null || now === undefined) return 0;
  return Math.min(MAX_QUEUE_DELAY_S, Math.max(0, Math.ceil((dueAt - now) / 1000)));
}
