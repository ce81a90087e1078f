import { z } from "zod";

export const CLIENT_TYPES = ["web", "spa", "native", "m2m"] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

export const GRANT_TYPES = [
  "authorization_code",
  "refresh_token",
  "client_credentials",
  // RFC 8628 §3.4: the device authorization grant (docs/device-flow.md).
  "urn:ietf:params:oauth:grant-type:device_code",
] as const;
export const SIGNING_ALGS = ["ES256", "EdDSA", "RS256"] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/** Which organizations go into this client's tokens: all, none, or an allowlist. */
export const OrganizationClaims = z.strictObject({
  mode: z.enum(["all", "none", "allowlist"]).default("all"),
  allowlist: z.array(z.string()).max(1000).default([]),
});

/**
 * AuthPI's nested OIDC block (`settings.openid`), as the authpi-idp README registers a native
 * client; `flattenOpenId` moves its keys to the flat settings.
 */
export const OpenIdSettings = z.strictObject({
  application_type: z.enum(["web", "native"]).optional(),
  redirect_uris: z.array(z.string().max(2000)).max(100).optional(),
  post_logout_redirect_uris: z.array(z.string().max(2000)).max(100).optional(),
  grant_types: z.array(z.enum(GRANT_TYPES)).min(1).optional(),
});

export const ClientSettings = z.strictObject({
  redirect_uris: z.array(z.string().max(2000)).max(100).default([]),
  post_logout_redirect_uris: z.array(z.string().max(2000)).max(100).default([]),
  grant_types: z.array(z.enum(GRANT_TYPES)).min(1).optional(),
  /** Scopes this client may request; empty means the issuer's standard OIDC scopes. */
  scopes: z.array(z.string().min(1).max(200)).max(500).default([]),
  response_signature_alg: z.enum(SIGNING_ALGS).default("ES256"),
  /** Seconds; absent means the issuer's setting. */
  access_token_ttl: z
    .number()
    .int()
    .min(60)
    .max(21 * 86_400)
    .optional(),
  refresh_token_ttl: z
    .number()
    .int()
    .min(300)
    .max(21 * 86_400)
    .optional(),
  organizations: OrganizationClaims.prefault({}),
  /** A client of the issuer's own (no consent page); `false` asks each user once (docs/consent.md). */
  first_party: z.boolean().default(true),
  /** Only pushed authorization requests (RFC 9126 §5); absent means no (docs/protocol.md). */
  require_pushed_authorization_requests: z.boolean().optional(),
  /** RFC 9449 §5.2: every token request of this client must carry a DPoP proof. */
  dpop_bound_access_tokens: z.boolean().optional(),
  openid: OpenIdSettings.optional(),
  /** OIDC Front-Channel Logout 1.0 §2: loaded in an iframe when the user logs out here. */
  frontchannel_logout_uri: z.string().max(2000).nullish(),
  /** Whether that URI gets `iss` and `sid` (§2). */
  frontchannel_logout_session_required: z.boolean().optional(),
  /** OIDC Back-Channel Logout 1.0 §2.2: logout tokens are POSTed here when a session ends. */
  backchannel_logout_uri: z.string().max(2000).nullish(),
  /** Always true in effect: our logout tokens always carry `sid` (§2.2, §2.4). */
  backchannel_logout_session_required: z.boolean().optional(),
});

export type ClientSettings = z.output<typeof ClientSettings>;
export type ClientSettingsInput = z.input<typeof ClientSettings>;
