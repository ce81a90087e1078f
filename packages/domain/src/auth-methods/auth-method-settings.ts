import { z } from "zod";
import type { AuthMethodType } from "./auth-method-types.ts";

const Password = z
  .strictObject({
    min_length: z.number().int().min(8).max(128).default(8),
    max_length: z.number().int().min(8).max(256).default(256),
  })
  .refine((s) => s.max_length >= s.min_length, {
    message: "must not be below min_length",
    path: ["max_length"],
  });

/** How long an emailed sign-in code and link work: 10 minutes unless the issuer says otherwise. */
const EmailLink = z.strictObject({ ttl_seconds: z.number().int().min(60).max(3600).default(600) });

/** An origin a WebAuthn ceremony may run on besides the IdP's own: `https://host[:port]`, no path. */
const HttpsOrigin = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" && url.origin === value;
    } catch {
      return false;
    }
  }, "must be an https origin (https://host[:port], no path)");

const WebAuthn = z.strictObject({
  rp_id: z.string().trim().toLowerCase().min(1).max(253).nullish(),
  /** More origins than `IDP_BASE_URL`'s (e.g. a custom domain of the hosted pages). */
  origins: z.array(HttpsOrigin).max(10).default([]),
  user_verification: z.enum(["required", "preferred", "discouraged"]).default("preferred"),
  // Discoverable by default: the hosted sign-in is usernameless (no allow list, WebAuthn §5.4.4).
  resident_key: z.enum(["required", "preferred", "discouraged"]).default("required"),
  attestation: z.enum(["none", "indirect", "direct"]).default("none"),
});

const TotpApp = z.strictObject({ issuer_label: z.string().min(1).max(100).nullish() });

const BackupCodes = z.strictObject({ count: z.number().int().min(5).max(20).default(10) });

const TemporaryPassword = z.strictObject({
  ttl_seconds: z.number().int().min(300).max(604_800).default(86_400),
});

/**
 * An upstream URL: https, or http on a loopback host only (a local stand-in upstream in
 * development and tests; RFC 8252 §8.3 treats loopback as the one safe plain-http host).
 */
const UpstreamUrl = z
  .string()
  .url()
  .max(2000)
  .refine(isUpstreamUrl, "must be an https URL (http only for a loopback host)");

/** Whether a URL may name an upstream endpoint: https, or http to 127.0.0.0/8, [::1], localhost. */
export function isUpstreamUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    const host = url.hostname;
    return (
      url.protocol === "http:" &&
      (host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host))
    );
  } catch {
    return false;
  }
}

/** Microsoft's multi-tenant directories; any other `tenant` is one tenant (id or domain). */
const MULTI_TENANTS = ["common", "organizations", "consumers"];

/** A Microsoft tenant id: a GUID, kept lowercase. */
const TenantId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "a tenant id (GUID)");

/** Apple's team and key ids: 10 uppercase letters or digits. */
const AppleId = z.string().regex(/^[A-Z0-9]{10}$/, "10 uppercase letters or digits");

/** The presets an `oauth2` method's `provider` may name; any other name is a generic OIDC upstream. */
export const UPSTREAM_PRESETS = ["google", "microsoft", "apple", "github", "gitlab"] as const;

/**
 * An OAuth 2.0 / OIDC upstream provider (issue 17); `client_secret` is write-only and kept
 * sealed. A preset `provider` fills endpoints and scopes; a generic one needs `issuer`.
 */
const OAuth2 = z
  .strictObject({
    provider: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .regex(/^[a-z0-9-]+$/, "lowercase letters, digits, -"),
    /** What the "Continue with <provider>" button names; the preset's name by default. */
    display_name: z.string().trim().min(1).max(60).nullish(),
    client_id: z.string().min(1).max(500),
    client_secret: z.string().min(1).max(2000).nullish(),
    issuer: UpstreamUrl.nullish(),
    /** Microsoft: the directory (tenant id or domain, or `common` (the default), `organizations`, `consumers`). */
    tenant: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9.-]+$/, "a tenant id or domain")
      .nullish(),
    /** Microsoft multi-tenant (`common`, `organizations`): only these tenant ids (`tid`) get in. */
    allowed_tenants: z.array(TenantId).min(1).max(100).nullish(),
    /** Apple: the team id, key id and .p8 key a client secret JWT is minted with per request. */
    apple_team_id: AppleId.nullish(),
    apple_key_id: AppleId.nullish(),
    /** Write-only, sealed; checked to be a PKCS#8 EC P-256 PEM (method-settings.ts). */
    apple_private_key: z.string().min(1).max(4000).nullish(),
    authorization_endpoint: UpstreamUrl.nullish(),
    token_endpoint: UpstreamUrl.nullish(),
    userinfo_endpoint: UpstreamUrl.nullish(),
    /** Absent: the preset's scopes (`openid email profile` for a generic OIDC upstream). */
    scopes: z.array(z.string().min(1).max(200)).max(50).nullish(),
    /** Upstream `amr` values that mean it did multi-factor sign-in (RFC 8176), e.g. `mfa`, `otp`. */
    mfa_amr_values: z.array(z.string().min(1).max(100)).max(20).default([]),
    /** Upstream `acr` values that mean multi-factor sign-in (OIDC Core §2). */
    mfa_acr_values: z.array(z.string().min(1).max(300)).max(20).default([]),
  })
  .refine(
    (s) =>
      (UPSTREAM_PRESETS as readonly string[]).includes(s.provider) ||
      Boolean(s.issuer) ||
      Boolean(s.authorization_endpoint && s.token_endpoint),
    { message: "a generic OIDC upstream needs issuer", path: ["issuer"] },
  )
  // A specific tenant is checked by its exact issuer; a list of tenants needs a multi-tenant one.
  .refine(
    (s) =>
      !s.allowed_tenants ||
      (s.provider === "microsoft" && MULTI_TENANTS.includes(s.tenant ?? "common")),
    {
      message: "only for the microsoft preset with tenant common, organizations or consumers",
      path: ["allowed_tenants"],
    },
  )
  .refine((s) => s.provider === "apple" || (!s.apple_team_id && !s.apple_key_id), {
    message: "only for the apple preset",
    path: ["apple_team_id"],
  })
  .refine((s) => s.provider === "apple" || !s.apple_private_key, {
    message: "only for the apple preset",
    path: ["apple_private_key"],
  });

/** Each kind's settings; unknown keys are refused so typos do not pass silently. */
export const METHOD_SETTINGS: Record<AuthMethodType, z.ZodType<Record<string, unknown>>> = {
  password: Password,
  "email-link": EmailLink,
  webauthn: WebAuthn,
  totp_app: TotpApp,
  backup_codes: BackupCodes,
  oauth2: OAuth2,
  "temporary-password": TemporaryPassword,
};

/** A kind's keys, any value, none required: the shape of `settings` in a request body. */
function keysOf(schema: z.ZodType): z.ZodType {
  const shape = (schema as unknown as z.ZodObject).shape;
  return z.strictObject(
    Object.fromEntries(Object.keys(shape).map((key) => [key, z.unknown().optional()])),
  );
}

/**
 * `settings` as a request sends it: only keys one of the kinds has (so the document lists them
 * and nothing else passes). The method's own schema then checks the values and fills defaults,
 * naming the bad field.
 */
export const AuthMethodSettingsInput = z.union(Object.values(METHOD_SETTINGS).map(keysOf));

/** Only these may be used as a first factor alone, never as the second one, by default. */
export const FIRST_FACTOR_ONLY_BY_DEFAULT: ReadonlySet<AuthMethodType> = new Set([
  "password",
  "temporary-password",
  "oauth2",
]);
