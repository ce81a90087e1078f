import { z } from "zod";
import type { AuthMethodType } from "./auth-method-types.ts";

const HttpsUrl = z
  .string()
  .url()
  .max(2000)
  .refine((url) => url.startsWith("https://"), "must be an https URL");

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

/** An OAuth 2.0 / OIDC upstream provider; `client_secret` is write-only and kept sealed. */
const OAuth2 = z.strictObject({
  provider: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[a-z0-9-]+$/, "lowercase letters, digits, -"),
  client_id: z.string().min(1).max(500),
  client_secret: z.string().min(1).max(2000).nullish(),
  issuer: HttpsUrl.nullish(),
  authorization_endpoint: HttpsUrl.nullish(),
  token_endpoint: HttpsUrl.nullish(),
  userinfo_endpoint: HttpsUrl.nullish(),
  scopes: z.array(z.string().min(1).max(200)).max(50).default(["openid", "email", "profile"]),
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
