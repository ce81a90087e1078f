import type { RateBucket, RateDecision } from "../email-tokens/email-token-store.ts";
import { sourceAddress } from "../throttle/source-address.ts";
import type { AuthorizeRequest } from "./authorize-request.ts";
import { saveAuthorizationCode } from "./complete-authorization.ts";
import type { DeviceCodeStore, PendingDevice } from "./device-code-store.ts";
import type { IssuerStoreRpc, SessionView } from "./issuer-store-contract.ts";
import { parseScope } from "./scopes.ts";
import { normalizeUserCode, userCodeKey } from "./user-code.ts";

/** User codes one source (IPv4 address, IPv6 /64) may try per window (RFC 8628 §5.1). */
export const USER_CODE_TRIES_PER_SOURCE = 10;
/** User codes the whole issuer may be sent per window, from any source. */
export const USER_CODE_TRIES_PER_ISSUER = 200;
export const USER_CODE_WINDOW_MS = 15 * 60_000;

/** The buckets one typed user code counts in: its source, and the issuer as a whole. */
export function userCodeBuckets(ip: string | null | undefined): RateBucket[] {
  return [
    {
      key: `device:from:${sourceAddress(ip)}`,
      limit: USER_CODE_TRIES_PER_SOURCE,
      windowMs: USER_CODE_WINDOW_MS,
    },
    { key: "device:all", limit: USER_CODE_TRIES_PER_ISSUER, windowMs: USER_CODE_WINDOW_MS },
  ];
}

export type UserCodeLookup =
  | { status: "found"; device: PendingDevice }
  /** Unknown, expired, already answered or malformed: all one answer. */
  | { status: "unknown" }
  | { status: "throttled"; retryAfterMs: number };

/**
 * Finds the pending request a typed user code names, after counting the try (RFC 8628 §5.1:
 * the short code must be protected from guessing); every miss looks the same.
 */
export async function lookUpUserCode(
  deps: {
    store: DeviceCodeStore & { takeRateLimit(b: RateBucket[], now: number): Promise<RateDecision> };
    ip: string | null | undefined;
    now: number;
  },
  typed: string,
): Promise<UserCodeLookup> {
  const limit = await deps.store.takeRateLimit(userCodeBuckets(deps.ip), deps.now);
  if (!limit.allowed) return { status: "throttled", retryAfterMs: limit.retryAfterMs };
  const code = normalizeUserCode(typed);
  if (code === null) return { status: "unknown" };
  const device = await deps.store.findDeviceCode(await userCodeKey(code), deps.now);
  return device ? { status: "found", device } : { status: "unknown" };
}

/**
 * The authorization request a device's sign-in serves: its client and scope, nothing a browser
 * sent. The redirect URI is our own page; no code is ever redirected to it.
 */
export function deviceAuthorizeRequest(
  device: PendingDevice,
  issuerUrl: string,
  uiLocales: string | null,
): AuthorizeRequest {
  return {
    clientId: device.clientId,
    redirectUri: `${issuerUrl}/device`,
    scope: parseScope(device.scope),
    state: null,
    nonce: null,
    codeChallenge: null,
    prompt: [],
    maxAge: null,
    loginHint: null,
    org: null,
    resource: [],
    acrValues: [],
    uiLocales,
    responseMode: "query",
    device: { deviceHash: device.deviceHash, expiresAt: device.expiresAt },
  };
}

/**
 * The user's answer to "Allow this device?" (RFC 8628 §3.3). Allow mints an authorization code
 * in the session's shard, redeemed when the device next polls; false when the request was
 * answered already or expired meanwhile.
 */
export async function answerDevice(
  deps: { store: IssuerStoreRpc; now: number },
  request: AuthorizeRequest & { device: NonNullable<AuthorizeRequest["device"]> },
  signIn: { session: SessionView; amr: string[]; acr: string | null } | null,
): Promise<boolean> {
  const { deviceHash, expiresAt } = request.device;
  if (!signIn) return deps.store.decideDeviceCode(deviceHash, { approved: false }, deps.now);
  const { key } = await saveAuthorizationCode(deps, request, signIn, expiresAt);
  return deps.store.decideDeviceCode(deviceHash, { approved: true, codeKey: key }, deps.now);
}
