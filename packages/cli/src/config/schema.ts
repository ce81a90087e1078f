import { z } from "zod";

/** The metadata key that ties a live resource to its key in `authpi.yaml`. */
export const MANAGED_KEY = "authpi_key";

/** A stable name for a resource in the file: kept in its metadata, so renames keep the match. */
export const ResourceKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "must be 1-63 of a-z, 0-9, _ and -, starting alphanumeric");

const JsonObject = z.record(z.string(), z.unknown());

const Metadata = JsonObject.refine((value) => !(MANAGED_KEY in value), {
  message: `${MANAGED_KEY} is set by authpi from the resource's key`,
}).meta({ description: "Free-form metadata; only the keys listed here are managed" });

const Status = z.enum(["active", "disabled"]);

export const AUTH_METHOD_KINDS = [
  "password",
  "email-link",
  "webauthn",
  "totp_app",
  "backup_codes",
  "oauth2",
  "temporary-password",
] as const;

/**
 * An issuer's auth method. Kinds other than `oauth2` exist once per issuer and are matched by
 * kind; `oauth2` providers are matched by `name`. `settings.client_secret` and
 * `settings.apple_private_key` are write-only.
 */
export const AuthMethodConfig = z.strictObject({
  method: z.enum(AUTH_METHOD_KINDS),
  name: z.string().trim().min(1).max(100).optional(),
  enabled: z.boolean().optional(),
  first_factor_only: z.boolean().optional(),
  settings: JsonObject.optional(),
});
export type AuthMethodConfig = z.infer<typeof AuthMethodConfig>;

const ClientSettings = z
  .looseObject({
    redirect_uris: z.array(z.string()).optional(),
    post_logout_redirect_uris: z.array(z.string()).optional(),
    grant_types: z
      .array(
        z.enum([
          "authorization_code",
          "refresh_token",
          "client_credentials",
          "urn:ietf:params:oauth:grant-type:device_code",
        ]),
      )
      .optional(),
    scopes: z.array(z.string()).optional(),
    access_token_ttl: z.number().int().optional(),
    refresh_token_ttl: z.number().int().optional(),
  })
  .meta({ description: "Client settings; keys left out keep their live value" });

export const ClientConfig = z.strictObject({
  name: z.string().trim().min(1).max(200),
  type: z.enum(["web", "spa", "native", "m2m"]),
  description: z.string().max(5000).nullish(),
  logo_url: z.string().url().nullish(),
  status: Status.optional(),
  settings: ClientSettings.optional(),
  metadata: Metadata.optional(),
});
export type ClientConfig = z.infer<typeof ClientConfig>;

export const OrganizationConfig = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullish(),
  logo_url: z.string().url().nullish(),
  org_type: z.enum(["default", "business", "charity", "public_sector"]).optional(),
  status: z.enum(["active", "suspended"]).optional(),
  max_members: z.number().int().min(1).nullish(),
  default_member_scopes: z.array(z.string()).optional(),
  invitation_enabled: z.boolean().optional(),
  security: z.strictObject({ enforce_2fa: z.boolean().optional() }).optional(),
  custom_fields: JsonObject.optional(),
  metadata: Metadata.optional(),
});
export type OrganizationConfig = z.infer<typeof OrganizationConfig>;

const IssuerSettings = z
  .looseObject({
    access: JsonObject.optional(),
    authentication: JsonObject.optional(),
    portals: JsonObject.optional(),
    branding: JsonObject.optional(),
    security: JsonObject.optional(),
  })
  .meta({ description: "Issuer settings, merged into the live ones (RFC 7396)" });

const keyed = <T extends z.ZodType>(item: T) => z.record(ResourceKey, item);

export const IssuerConfig = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullish(),
  links: z.record(z.string(), z.string().nullable()).nullish(),
  available_scopes: z.array(z.string()).optional(),
  status: Status.optional(),
  settings: IssuerSettings.optional(),
  metadata: Metadata.optional(),
  auth_methods: keyed(AuthMethodConfig).optional(),
  clients: keyed(ClientConfig).optional(),
  organizations: keyed(OrganizationConfig).optional(),
});
export type IssuerConfig = z.infer<typeof IssuerConfig>;

export const WebhookConfig = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  url: z.string().max(2000),
  events: z.array(z.string()).optional(),
  /** Chosen at creation; the signing secret and bearer token are never in the file. */
  auth: z.strictObject({
    type: z.enum(["none", "bearer", "signature", "bearer+signature"]),
    signature_algorithm: z.literal("hmac-sha256").optional(),
  }),
  status: Status.optional(),
  metadata: Metadata.optional(),
});
export type WebhookConfig = z.infer<typeof WebhookConfig>;

/** `authpi.yaml`: the identity setup of one account, by stable keys. */
export const AuthpiConfig = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1),
    issuers: keyed(IssuerConfig).default({}),
    webhooks: keyed(WebhookConfig).default({}),
  })
  .meta({
    title: "authpi.yaml",
    description: "AuthPI declarative configuration (authpi plan/apply)",
  });
export type AuthpiConfig = z.infer<typeof AuthpiConfig>;
