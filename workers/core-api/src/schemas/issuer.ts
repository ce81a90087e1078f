import { CreateIssuerInput, UpdateIssuerInput } from "@authpi/domain/issuers";
import { z } from "@hono/zod-openapi";
import { MetadataSchema } from "./common.ts";

const link = (description?: string) =>
  z
    .string()
    .nullable()
    .optional()
    .openapi(description ? { description } : {});

/** The issuer's public links as stored; hosted pages and emails show three of them in a footer. */
const IssuerLinksSchema = z
  .object({
    privacy_policy: link('Shown as "Privacy policy" in the footer of hosted pages and emails.'),
    terms_of_service: link('Shown as "Terms of service" in the footer of hosted pages and emails.'),
    website: link(),
    support: link('Shown as "Support" in the footer of hosted pages and emails.'),
    documentation: link(),
  })
  .nullable();

/**
 * `settings.branding` as stored. Read leniently: a value no longer valid (e.g. a colour stored
 * before the contrast rule) is kept here and replaced by the default on the pages.
 */
const IssuerBrandingSchema = z
  .looseObject({
    display_name: z.string().optional().openapi({
      description: "The name hosted pages and emails show; the issuer's `name` when absent.",
    }),
    logo_url: z.string().optional().openapi({
      description: "An http(s) URL of the logo on every hosted page and email, used as given.",
    }),
    primary_color: z.string().optional().openapi({
      description:
        "The colour of buttons and links (`#rgb` or `#rrggbb`), used as given; writes refuse one below 4.5:1 contrast against white (WCAG 2.2 SC 1.4.3).",
      example: "#7b2cbf",
    }),
  })
  .openapi("IssuerBranding", { description: "How hosted pages and emails look." });

export const IssuerSchema = z
  .object({
    id: z.string().openapi({ example: "i_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    account_id: z.string(),
    name: z.string().nullable(),
    description: z.string().nullable(),
    links: IssuerLinksSchema,
    available_scopes: z.array(z.string()),
    status: z.string(),
    status_at: z.number().int().nullable(),
    settings: z.looseObject({ branding: IssuerBrandingSchema.optional() }),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("Issuer");

export const CreateIssuerBody = CreateIssuerInput.openapi("CreateIssuerInput");

export const UpdateIssuerBody = UpdateIssuerInput.openapi("UpdateIssuerInput");

export const IssuerListItemSchema = IssuerSchema.extend({
  access_mode: z.string().nullable(),
  auth_method_count: z.number().int(),
  enabled_login_method_count: z.number().int(),
  enabled_signup_method_count: z.number().int(),
  available_scope_count: z.number().int(),
  branding_configured: z.boolean(),
  readiness: z.string().openapi({ description: "`ready`, `needs_client` or `disabled`" }),
}).openapi("IssuerListItem");
