import { z } from "zod";

/**
 * Where a message stands in its retry schedule, shared by both kinds: `attempt` counts the
 * attempts of the current run (a redelivery starts a new run at 1), and `due_at` (ms) is when
 * the attempt is due. A message that arrives early waits again (long waits are chained within
 * the Queue's delay limit).
 */
const Schedule = {
  attempt: z.number().int().min(1).default(1),
  due_at: z.number().int().min(0).nullable().default(null),
};

/**
 * One attempt of a webhook delivery (the row in `webhook_deliveries`). `attempt_count` is the
 * delivery's count when the message was queued: with `due_at` it identifies the live message,
 * so a retry that a redelivery replaced (or a duplicate) is dropped.
 */
export const WebhookDeliveryMessage = z.object({
  delivery_id: z.string().min(1).max(100),
  attempt_count: z.number().int().min(0).nullable().default(null),
  ...Schedule,
});
export type WebhookDeliveryMessage = z.output<typeof WebhookDeliveryMessage>;

/** An invitation email for one invitation event (sent by the dispatcher, with retries). */
export const MailDeliveryMessage = z.object({
  mail: z.literal("invitation"),
  invitation_id: z.string().min(1).max(100),
  event_id: z.string().min(1).max(100),
  ...Schedule,
});
export type MailDeliveryMessage = z.output<typeof MailDeliveryMessage>;

/**
 * The message on `authpi-deliveries` (and, after Queues gives up on it, on
 * `authpi-deliveries-dlq`): producers (Core API, dispatcher) and the consumer use this one schema.
 */
export const DeliveryMessage = z.union([WebhookDeliveryMessage, MailDeliveryMessage]);
export type DeliveryMessage = z.output<typeof DeliveryMessage>;
export type DeliveryMessageInput = z.input<typeof DeliveryMessage>;

export function isMailMessage(message: DeliveryMessage): message is MailDeliveryMessage {
  return "mail" in message;
}

/** The message's body, or null when it is not a delivery message at all. */
export function parseDeliveryMessage(body: unknown): DeliveryMessage | null {
  const parsed = DeliveryMessage.safeParse(body);
  return parsed.success ? parsed.data : null;
}
