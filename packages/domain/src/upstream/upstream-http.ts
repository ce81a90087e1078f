import * as oauth from "oauth4webapi";
import { isUpstreamUrl } from "../auth-methods/auth-method-settings.ts";
import { UpstreamError } from "./upstream-contract.ts";

/** Plain http is allowed for a loopback upstream only (RFC 8252 §8.3); https everywhere else. */
export function httpOptions(url: string): { [oauth.allowInsecureRequests]?: boolean } {
  if (!isUpstreamUrl(url)) throw new UpstreamError("upstream_error", `not an upstream URL: ${url}`);
  return url.startsWith("http:") ? { [oauth.allowInsecureRequests]: true } : {};
}

/**
 * The callback's parameters checked against the attempt's `state` (RFC 6749 §10.12); an
 * `error` from the upstream (RFC 6749 §4.1.2.1) is `upstream_error`.
 */
export function checkCallback(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  callbackUrl: URL,
  state: string,
): URLSearchParams {
  if (callbackUrl.searchParams.get("state") !== state) {
    throw new UpstreamError("state_mismatch", "the callback's state is not this attempt's");
  }
  try {
    return oauth.validateAuthResponse(as, client, callbackUrl, state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      throw new UpstreamError("upstream_error", `upstream answered ${error.error}`);
    }
    throw new UpstreamError("upstream_error", (error as Error).message);
  }
}

/** Which failure an oauth4webapi error is: a compared claim names it, the rest is an exchange failure. */
export function failureOf(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (
    error instanceof oauth.OperationProcessingError &&
    error.code === oauth.JWT_CLAIM_COMPARISON
  ) {
    const claim = (error.cause as { claim?: string } | undefined)?.claim;
    if (claim === "nonce") return new UpstreamError("nonce_mismatch", error.message);
    if (claim === "iss") return new UpstreamError("issuer_mismatch", error.message);
    if (claim === "aud" || claim === "azp") {
      return new UpstreamError("audience_mismatch", error.message);
    }
    return new UpstreamError("invalid_id_token", error.message);
  }
  if (error instanceof oauth.OperationProcessingError && error.code === oauth.JWT_TIMESTAMP_CHECK) {
    return new UpstreamError("invalid_id_token", error.message);
  }
  return new UpstreamError("exchange_failed", (error as Error).message ?? String(error));
}

/** The client authentication the connection can do: its secret posted, or none (public client). */
export function clientAuth(secret: string | null): oauth.ClientAuth {
  return secret ? oauth.ClientSecretPost(secret) : oauth.None();
}
