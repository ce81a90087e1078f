import { AddSsoDomainInput } from "@authpi/domain/organizations";
import { z } from "@hono/zod-openapi";
import { IssuerParams } from "./common.ts";

export const OrganizationSsoSchema = z
  .object({
    enabled: z.boolean(),
    sso_only: z.boolean().openapi({ description: "Password sign-in off for the organization" }),
    protocol: z.enum(["oidc"]).nullable(),
    oidc: z.object({
      issuer: z.string().nullable(),
      client_id: z.string().nullable(),
      scopes: z.array(z.string()),
      client_secret_set: z.boolean(),
      mfa_amr_values: z.array(z.string()).openapi({
        description: "The IdP's amr values that count as multi-factor sign-in (RFC 8176)",
      }),
      mfa_acr_values: z.array(z.string()).openapi({
        description: "The IdP's acr values that count as multi-factor sign-in",
      }),
    }),
    secret_rotated_at: z.number().int().nullable(),
    domains: z.array(
      z.object({
        domain: z.string(),
        verified: z.boolean(),
        verified_at: z.number().int().nullable(),
        created_at: z.number().int(),
      }),
    ),
  })
  .openapi("OrganizationSso");

export const AddSsoDomainResponse = z
  .object({
    domain: z.string(),
    txt_record_name: z.string(),
    txt_record_value: z.string(),
    verified: z.boolean(),
  })
  .openapi("OrganizationSsoAddDomainResponse");

export const VerifySsoDomainResponse = z
  .object({ verified: z.boolean(), error: z.string().nullable() })
  .openapi("OrganizationSsoVerifyDomainResponse");

export const RemoveSsoDomainResponse = z
  .object({ domain: z.string(), removed: z.literal(true) })
  .openapi("OrganizationSsoRemoveDomainResponse");

export const RotateSsoSecretResponse = z
  .object({ secret: z.string().openapi({ description: "Shown once" }) })
  .openapi("OrganizationSsoRotateSecretResponse");

export const AddSsoDomainBody = AddSsoDomainInput.openapi("AddSsoDomainInput");

export const SsoParams = IssuerParams.extend({
  org_id: z.string().openapi({ param: { name: "org_id", in: "path" } }),
});

export const SsoDomainParams = SsoParams.extend({
  domain: z.string().openapi({ param: { name: "domain", in: "path" }, example: "acme.com" }),
});
