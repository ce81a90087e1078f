import { z } from "zod";
import { freeForm } from "../input/free-form.ts";
import { AUTH_METHOD_TYPES } from "./auth-method-types.ts";
import { BrandingSettings } from "./branding-settings.ts";
import {
  ClientIdMetadataSettings,
  ClientIdMetadataSettingsInput,
  ClientIdMetadataSettingsPatch,
} from "./client-id-metadata-settings.ts";
import {
  RegistrationSettings,
  RegistrationSettingsInput,
  RegistrationSettingsPatch,
} from "./registration-settings.ts";
import {
  signupPolicyFields,
  signupPolicyPatchFields,
  signupPolicyReadFields,
} from "./signup-settings.ts";

/** When sign-in asks for a second factor (docs/decisions/sign-in.md). */
export const SECOND_FACTOR_SETTINGS = ["off", "optional", "required"] as const;
export type SecondFactorSetting = (typeof SECOND_FACTOR_SETTINGS)[number];

const DAY = 86_400;

/** Session limits (docs/decisions/idp-api.md): 7 days absolute, 12 hours idle, capped at 1 year / 30 days. */
const MaxAge = z
  .number()
  .int()
  .min(300)
  .max(365 * DAY);
const IdleTimeout = z
  .number()
  .int()
  .min(60)
  .max(30 * DAY);
/** Token lifetimes in seconds; every token is capped at 21 days (docs/decisions/idp-api.md). */
const AccessTokenTtl = z
  .number()
  .int()
  .min(60)
  .max(21 * DAY);
const RefreshTokenTtl = z
  .number()
  .int()
  .min(300)
  .max(21 * DAY);
/** Who may sign up: `open` (⇔ `allow_new_users`), `invite_only` or `closed` (docs/decisions/signup.md). */
const Mode = z.enum(["open", "invite_only", "closed"]);
/** `methods_featured`: the kinds the login and signup pages put first (AuthPI's issuer setting). */
const MethodsFeatured = z
  .array(z.enum(AUTH_METHOD_TYPES))
  .max(AUTH_METHOD_TYPES.length)
  .refine((kinds) => new Set(kinds).size === kinds.length, "must not repeat a method");
/** Branding and security overrides: free-form maps, bounded (URLs up to 2,000 chars). */
const Overrides = freeForm({ stringLength: 2000 });

/** How many Durable Objects hold the issuer's sessions (docs/scale.md); it may only grow. */
export const StoreShards = z.number().int().min(1).max(64).meta({
  description:
    "How many Durable Objects hold the issuer's sessions (1 to 64, default 1); it may only grow (docs/scale.md).",
});

const sessionFields = {
  max_age: MaxAge.default(7 * DAY),
  idle_timeout: IdleTimeout.default(12 * 3600),
  // Absent means 1; left out of the defaults so existing settings read back unchanged.
  store_shards: StoreShards.optional(),
};
const tokenFields = {
  access_token_ttl: AccessTokenTtl.default(1800),
  refresh_token_ttl: RefreshTokenTtl.default(7 * DAY),
};
/** When sign-in asks for a second factor (docs/decisions/sign-in.md). */
const SecondFactor = z.enum(SECOND_FACTOR_SETTINGS);
const authenticationFields = {
  methods_featured: MethodsFeatured.default([]),
  // Absent means `optional`; left out of the defaults so existing settings read back unchanged.
  second_factor: SecondFactor.optional(),
};

/** Only pushed authorization requests (RFC 9126 §5) for every client; absent means no. */
const RequirePushed = z.boolean().meta({
  description:
    "Every client of the issuer must push its authorization requests (RFC 9126 §5); absent means false.",
});

/** DPoP (RFC 9449 §8): whether every proof at the token endpoint and UserInfo needs our nonce. */
const dpopFields = {
  require_nonce: z.boolean().optional().meta({
    description: "Every DPoP proof must carry a server nonce (RFC 9449 §8); absent means false.",
  }),
};

export const SessionSettings = z.object(sessionFields);
export const TokenSettings = z.object(tokenFields);

/**
 * Settings as stored and read back: defaults filled in, keys this version does not know
 * dropped (never an error, so an old row still loads).
 */
export const IssuerSettings = z.object({
  ...signupPolicyReadFields,
  access: z
    .object({
      mode: Mode.default("invite_only"),
      sessions: SessionSettings.prefault({}),
      tokens: TokenSettings.prefault({}),
      require_pushed_authorization_requests: RequirePushed.optional(),
      // Dynamic client registration (RFC 7591); absent means off.
      registration: RegistrationSettings.optional(),
      dpop: z.object(dpopFields).optional(),
      client_id_metadata_documents: ClientIdMetadataSettings.optional(),
    })
    .prefault({}),
  authentication: z.object(authenticationFields).prefault({}),
  branding: z.record(z.string(), z.unknown()).optional(),
  security: z.record(z.string(), z.unknown()).optional(),
});

/** Settings a caller sends (create, or the result of a PATCH): an unknown key at any depth is refused. */
export const IssuerSettingsInput = z.strictObject({
  ...signupPolicyFields,
  access: z
    .strictObject({
      mode: Mode.default("invite_only"),
      sessions: z.strictObject(sessionFields).prefault({}),
      tokens: z.strictObject(tokenFields).prefault({}),
      require_pushed_authorization_requests: RequirePushed.optional(),
      registration: RegistrationSettingsInput.optional(),
      dpop: z.strictObject(dpopFields).optional(),
      client_id_metadata_documents: ClientIdMetadataSettingsInput.optional(),
    })
    .prefault({}),
  authentication: z.strictObject(authenticationFields).prefault({}),
  branding: BrandingSettings.optional(),
  security: Overrides.optional(),
});

/**
 * Settings a create request sends: as `IssuerSettingsInput`, but an absent `access.mode` stays
 * absent, so that `allow_new_users` alone can choose it (see `alignSignupPolicy`); the defaults
 * are filled in by `IssuerSettingsInput` after the two are aligned.
 */
export const IssuerSettingsCreate = IssuerSettingsInput.extend({
  access: z
    .strictObject({
      mode: Mode.optional(),
      sessions: z.strictObject(sessionFields).optional(),
      tokens: z.strictObject(tokenFields).optional(),
      require_pushed_authorization_requests: RequirePushed.optional(),
      registration: RegistrationSettingsInput.optional(),
      dpop: z.strictObject(dpopFields).optional(),
      client_id_metadata_documents: ClientIdMetadataSettingsInput.optional(),
    })
    .optional(),
});

/** A PATCH of the settings (RFC 7396): any known key, `null` to remove one; nothing unknown. */
export const IssuerSettingsPatch = z.strictObject({
  ...signupPolicyPatchFields,
  access: z
    .strictObject({
      mode: Mode.nullish(),
      sessions: z
        .strictObject({
          max_age: MaxAge.nullish(),
          idle_timeout: IdleTimeout.nullish(),
          store_shards: StoreShards.nullish(),
        })
        .nullish(),
      tokens: z
        .strictObject({
          access_token_ttl: AccessTokenTtl.nullish(),
          refresh_token_ttl: RefreshTokenTtl.nullish(),
        })
        .nullish(),
      require_pushed_authorization_requests: RequirePushed.nullish(),
      registration: RegistrationSettingsPatch.nullish(),
      dpop: z.strictObject({ require_nonce: z.boolean().nullish() }).nullish(),
      client_id_metadata_documents: ClientIdMetadataSettingsPatch.nullish(),
    })
    .nullish(),
  authentication: z
    .strictObject({
      methods_featured: MethodsFeatured.nullish(),
      second_factor: SecondFactor.nullish(),
    })
    .nullish(),
  branding: Overrides.nullish().meta({
    description:
      "Merged into `settings.branding` (RFC 7396); the result is checked as on create: `display_name`, `logo_url`, and `primary_color` with at least 4.5:1 contrast against white.",
  }),
  security: Overrides.nullish(),
});

const link = () => z.string().url().max(2000).nullish();
/** A link the footer of hosted pages and emails shows, labelled `label`. */
const footerLink = (label: string) =>
  link().meta({ description: `Shown as "${label}" in the footer of hosted pages and emails.` });

/** An issuer's public links (AuthPI's documented five), each a URL or null. */
export const IssuerLinks = z
  .strictObject({
    privacy_policy: footerLink("Privacy policy"),
    terms_of_service: footerLink("Terms of service"),
    website: link(),
    support: footerLink("Support"),
    documentation: link(),
  })
  .meta({
    description:
      "The issuer's public links; hosted pages show the privacy, terms and support ones.",
  });

export type IssuerSettings = z.output<typeof IssuerSettings>;
export type IssuerSettingsInput = z.input<typeof IssuerSettingsInput>;
export type IssuerSettingsPatch = z.output<typeof IssuerSettingsPatch>;

/** The issuer's session-store shard count (absent: 1). */
export function storeShardCount(settings: unknown): number {
  return issuerSettings(settings).access.sessions.store_shards ?? 1;
}

// The issuer row a worker caches per isolate keeps its settings object, so the token paths
// parse it once per cached row rather than on every request (docs/decisions/token-paths.md).
const parsed = new WeakMap<object, IssuerSettings>();

/** Settings with every default filled in (read-only: a parse of an object is shared). */
export function issuerSettings(input: unknown = {}): IssuerSettings {
  if (typeof input !== "object" || input === null) return IssuerSettings.parse(input ?? {});
  let settings = parsed.get(input);
  if (!settings) {
    settings = IssuerSettings.parse(input);
    parsed.set(input, settings);
  }
  return settings;
}
