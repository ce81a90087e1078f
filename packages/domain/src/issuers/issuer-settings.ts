import { z } from "zod";
import { AUTH_METHOD_TYPES } from "../auth-methods/auth-method-types.ts";

const DAY = 86_400;

/** Session limits (spec behaviour.md §8): 7 days absolute, 12 hours idle, capped at 1 year / 30 days. */
export const SessionSettings = z.object({
  max_age: z
    .number()
    .int()
    .min(300)
    .max(365 * DAY)
    .default(7 * DAY),
  idle_timeout: z
    .number()
    .int()
    .min(60)
    .max(30 * DAY)
    .default(12 * 3600),
});

/** Token lifetimes in seconds; every token is capped at 21 days (spec idp-api.md §2.5). */
export const TokenSettings = z.object({
  access_token_ttl: z
    .number()
    .int()
    .min(60)
    .max(21 * DAY)
    .default(1800),
  refresh_token_ttl: z
    .number()
    .int()
    .min(300)
    .max(21 * DAY)
    .default(7 * DAY),
});

export const AccessSettings = z.looseObject({
  /** Who may sign up: `open`, `invite_only` or `closed`. */
  mode: z.enum(["open", "invite_only", "closed"]).default("invite_only"),
  sessions: SessionSettings.prefault({}),
  tokens: TokenSettings.prefault({}),
});

/** `methods_featured`: the kinds the login and signup pages put first (AuthPI's issuer setting). */
export const AuthenticationSettings = z.looseObject({
  methods_featured: z
    .array(z.enum(AUTH_METHOD_TYPES))
    .max(AUTH_METHOD_TYPES.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, "must not repeat a method")
    .default([]),
});

export const IssuerSettings = z.looseObject({
  access: AccessSettings.prefault({}),
  authentication: AuthenticationSettings.prefault({}),
  portals: z.record(z.string(), z.unknown()).optional(),
  branding: z.record(z.string(), z.unknown()).optional(),
  security: z.record(z.string(), z.unknown()).optional(),
});

export type IssuerSettings = z.output<typeof IssuerSettings>;
export type IssuerSettingsInput = z.input<typeof IssuerSettings>;

/** Settings with every default filled in. */
export function issuerSettings(input: unknown = {}): IssuerSettings {
  return IssuerSettings.parse(input ?? {});
}
