import { z } from "zod";
import { Metadata } from "../input/free-form.ts";

export const AUTH_TYPES = ["none", "bearer", "signature", "bearer+signature"] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

const EventPattern = z
  .string()
  .regex(/^(\*|[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*)?)$/, "must be an event type or prefix.*");

export const WebhookAuthInput = z.strictObject({
  type: z.enum(AUTH_TYPES),
  signature_algorithm: z.literal("hmac-sha256").optional(),
});

export const CreateWebhookInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  url: z.string().max(2000),
  /** Omitted or empty: every event. */
  events: z.array(EventPattern).max(200).default([]),
  auth: WebhookAuthInput,
  metadata: Metadata.nullish(),
});
export type CreateWebhookInput = z.output<typeof CreateWebhookInput>;

/** PATCH; `status` pauses (`disabled`) or resumes (`active`) deliveries. */
export const UpdateWebhookInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).nullish(),
  url: z.string().max(2000).optional(),
  events: z.array(EventPattern).max(200).optional(),
  status: z.enum(["active", "disabled"]).optional(),
  metadata: Metadata.nullish(),
});
export type UpdateWebhookInput = z.output<typeof UpdateWebhookInput>;

export function usesSignature(type: string): boolean {
  return type === "signature" || type === "bearer+signature";
}

export function usesBearer(type: string): boolean {
  return type === "bearer" || type === "bearer+signature";
}
