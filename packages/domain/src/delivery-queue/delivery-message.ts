import { z } from "zod";
import { MAIL_TEMPLATES } from "../mail/mail-request.ts";

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
 * One email asked for with `queueMail`: the template's values are sealed (they hold live codes
 * and links) and `key` makes the send idempotent (a redelivered message sends nothing).
 */
export const MailRequestMessage = z.object({
  mail: z.literal("request"),
  template: z.enum(MAIL_TEMPLATES),
  to: z.string().min(3).max(320),
  issuer_id: z.string().min(1).max(100),
  locale: z.string().min(2).max(35),
  values_sealed: z.string().min(1).max(20_000),
  key: z.string().min(1).max(200),
  ...Schedule,
});
export type MailRequestMessage = z.output<typeof MailRequestMessage>;

/**
 * A logout token for one relying party's `backchannel_logout_uri` (OIDC Back-Channel Logout
 * 1.0 §2.5), POSTed by the dispatcher with a few quick retries (the token expires in two hours).
 */
export const BackChannelLogoutMessage = z.object({
  logout: z.literal("backchannel"),
  uri: z.string().url().max(2000),
  client_id: z.string().min(1).max(100),
  issuer_id: z.string().min(1).max(100),
  logout_token: z.string().min(1).max(8000),
  ...Schedule,
});
export type BackChannelLogoutMessage = z.output<typeof BackChannelLogoutMessage>;
export type BackChannelLogoutMessageInput = z.input<typeof BackChannelLogoutMessage>;

/** Either kind of email message. */
export type AnyMailMessage = MailDeliveryMessage | MailRequestMessage;

/**
 * The message on `authpi-deliveries` (and, after Queues gives up on it, on
 * `authpi-deliveries-dlq`): producers (Core API, dispatcher) and the consumer use this one schema.
 */
export const DeliveryMessage = z.union([
  WebhookDeliveryMessage,
  MailDeliveryMessage,
  MailRequestMessage,
  BackChannelLogoutMessage,
]);
export type DeliveryMessage = z.output<typeof DeliveryMessage>;
export type DeliveryMessageInput = z.input<typeof DeliveryMessage>;

export function isBackChannelLogoutMessage(
  message: DeliveryMessage,
): message is BackChannelLogoutMessage {
  return "logout" in message;
}

export function isMailMessage(message: DeliveryMessage): message is AnyMailMessage {
  return "mail" in message;
}

/** How logs name an email message (never its values: they hold live codes and links). */
export function mailLabel(message: AnyMailMessage): string {
  return message.mail === "request"
    ? `${message.template} ${message.key}`
    : `invitation ${message.invitation_id} (${message.event_id})`;
}

/** The message's body, or null when it is not a delivery message at all. */
export function parseDeliveryMessage(body: unknown): DeliveryMessage | null {
  const parsed = DeliveryMessage.safeParse(body);
  return parsed.success ? parsed.data : null;
}
