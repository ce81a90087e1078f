import type { ClientRow } from "../clients/client-wire.ts";
import { clientGrantTypes } from "../clients/client-wire.ts";
import { randomToken, sha256Hex } from "../crypto/hash.ts";
import { DomainError } from "../errors.ts";
import type { DeviceCodeStore } from "./device-code-store.ts";
import type { RequestParams } from "./request-parameters.ts";
import { allowedScopes, parseScope, unknownScopes } from "./scopes.ts";
import { formatUserCode, newUserCode, userCodeKey } from "./user-code.ts";

/** RFC 8628 §3.4: the grant type the device polls the token endpoint with. */
export const DEVICE_CODE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
/** A device code lives 10 minutes (docs/decisions/device-flow.md §2). */
export const DEVICE_CODE_LIFETIME_S = 600;
/** RFC 8628 §3.2: "If no value is provided, clients MUST use 5 as the default". */
export const DEVICE_POLL_INTERVAL_S = 5;

export interface DeviceAuthorizationResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
}

export interface DeviceAuthorizationDeps {
  store: DeviceCodeStore;
  issuerScopes: readonly string[];
  issuerUrl: string;
  now: number;
}

/**
 * The device authorization endpoint (RFC 8628 §3.1-3.2) for an authenticated client that has
 * the device grant: a 256-bit `device_code` and an 8-letter `user_code`, both stored hashed.
 */
export async function startDeviceAuthorization(
  deps: DeviceAuthorizationDeps,
  client: ClientRow,
  params: RequestParams,
): Promise<DeviceAuthorizationResponse> {
  if (!clientGrantTypes(client).includes(DEVICE_CODE_GRANT_TYPE)) {
    throw new DomainError("UNAUTHORIZED_CLIENT", "this client may not use the device grant");
  }
  const scope = parseScope(params.get("scope"));
  const unknown = unknownScopes(scope, allowedScopes(client.settings.scopes, deps.issuerScopes));
  if (unknown.length > 0) {
    throw new DomainError("INVALID_SCOPE", `scope not allowed: ${unknown.join(" ")}`);
  }
  const deviceCode = randomToken(32);
  const deviceHash = await sha256Hex(deviceCode);
  const expiresAt = deps.now + DEVICE_CODE_LIFETIME_S * 1000;
  // A user code already live elsewhere is drawn again (about one in 10^10 per live code).
  for (let attempt = 0; attempt < 3; attempt++) {
    const userCode = newUserCode();
    const saved = await deps.store.saveDeviceCode(
      {
        deviceHash,
        userCodeHash: await userCodeKey(userCode),
        clientId: client.id,
        scope: scope.join(" "),
        intervalS: DEVICE_POLL_INTERVAL_S,
        expiresAt,
      },
      deps.now,
    );
    if (!saved) continue;
    const verificationUri = `${deps.issuerUrl}/device`;
    const shown = formatUserCode(userCode);
    return {
      device_code: deviceCode,
      user_code: shown,
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?${new URLSearchParams({ user_code: shown })}`,
      expires_in: DEVICE_CODE_LIFETIME_S,
      interval: DEVICE_POLL_INTERVAL_S,
    };
  }
  throw new DomainError("SERVER_ERROR", "no free user code");
}
