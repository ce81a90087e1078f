import { TopupInput } from "@authpi/domain/credits";
import { z } from "@hono/zod-openapi";

export const CreditLedgerEntrySchema = z
  .object({
    id: z.string().openapi({ example: "cle_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    type: z.string().openapi({ description: "`topup`" }),
    amount_μusd: z.number().int(),
    balance_after_μusd: z.number().int(),
    operation: z.string().nullable(),
    reference: z.string().nullable(),
    related_entry_id: z.string().nullable(),
    expires_at: z.number().int().nullable(),
    created_at: z.number().int(),
    dimension: z.string().nullable(),
    config_version: z.string().nullable(),
    external_reference: z.string().nullable(),
    settled_total_μusd: z.number().int().nullable(),
    recorded_by: z.string().nullable(),
  })
  .openapi("CreditLedgerEntry");

export const TopupResponseSchema = z
  .object({
    balance_μusd: z.number().int(),
    entry_id: z.string(),
    duplicate: z.boolean(),
    payment_reference: z.string(),
  })
  .openapi("CreditsCreateTopupResponse");

export const TopupBody = TopupInput.openapi("CreateTopupInput");
