import { AddDomainInput, AssignDomainInput } from "@authpi/domain/domains";
import { z } from "@hono/zod-openapi";
import { AccountSchema } from "./account.ts";
import { AccountParams } from "./common.ts";

export const AccountDomainSchema = z
  .object({
    host: z.string().openapi({ example: "auth.example.com" }),
    verified: z.boolean(),
    primary: z.boolean().openapi({ description: "The first domain assigned to its issuer" }),
    added_at: z.number().int(),
    assigned_issuer_id: z.string().nullable(),
    assigned_at: z.number().int().nullable(),
    cf_custom_hostname_id: z.null().openapi({ description: "Always null when self-hosted" }),
    cf_status: z.null(),
    verified_at: z.number().int().nullable(),
    last_checked_at: z.number().int().nullable(),
    verification: z.object({
      type: z.literal("dns_txt"),
      txt_record_name: z.string().openapi({ example: "_authpi-challenge.auth.example.com" }),
      txt_record_value: z.string().openapi({ example: "authpi-domain-verification=3q2+7w…" }),
    }),
    updated_at: z.number().int().nullable(),
  })
  .openapi("AccountDomain");

export const AccountWithDomainsSchema = AccountSchema.extend({
  domains: z.array(AccountDomainSchema),
}).openapi("AccountWithDomains");

export const AddDomainBody = AddDomainInput.openapi("AddAccountDomainInput");
export const AssignDomainBody = AssignDomainInput.openapi("AssignAccountDomainInput");

export const DomainParams = AccountParams.extend({
  domain: z
    .string()
    .openapi({ param: { name: "domain", in: "path" }, example: "auth.example.com" }),
});
