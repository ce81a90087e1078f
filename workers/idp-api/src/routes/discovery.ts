import { issuerSettings } from "@authpi/domain/issuers";
import { ACR_VALUES_SUPPORTED } from "@authpi/domain/login";
import {
  DPOP_SIGNING_ALGS,
  RESPONSE_MODES,
  STANDARD_SCOPES,
  supportedGrantTypes,
} from "@authpi/domain/oauth";
import { registrationSettingsOf } from "@authpi/domain/registration";
import { Hono } from "hono";
import { jsonResponse } from "../json-response.ts";
import { clientIdMetadataDiscovery } from "../metadata-clients.ts";
import { type IssuerEnv, loadIssuer } from "../middleware/issuer.ts";

const CLAIMS = [
  "sub",
  "iss",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "acr",
  "amr",
  "nonce",
  "sid",
  "at_hash",
  "name",
  "given_name",
  "family_name",
  "picture",
  "locale",
  "email",
  "email_verified",
  "phone_number",
  "phone_number_verified",
  "address",
  "organizations",
  "org_id",
];

/** OpenID Provider Metadata (OIDC Discovery 1.0 §3, RFC 8414 §2, RFC 9207 §3). */
export function openIdConfiguration(
  iss: string,
  extraScopes: readonly string[],
  requirePushed = false,
) {
  return {
    issuer: iss,
    authorization_endpoint: `${iss}/authorize`,
    token_endpoint: `${iss}/token`,
    userinfo_endpoint: `${iss}/userinfo`,
    jwks_uri: `${iss}/jwks.json`,
    introspection_endpoint: `${iss}/introspect`,
    revocation_endpoint: `${iss}/revoke`,
    // RFC 9126 §5: the endpoint, and whether the issuer accepts only pushed requests.
    pushed_authorization_request_endpoint: `${iss}/par`,
    require_pushed_authorization_requests: requirePushed,
    // RFC 8628 §4: where a device starts its authorization.
    device_authorization_endpoint: `${iss}/device_authorization`,
    end_session_endpoint: `${iss}/logout`,
    // OIDC Front-Channel Logout 1.0 §3.
    frontchannel_logout_supported: true,
    frontchannel_logout_session_supported: true,
    // OIDC Back-Channel Logout 1.0 §2.1.
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
    scopes_supported: [...new Set([...STANDARD_SCOPES, ...extraScopes])],
    response_types_supported: ["code"],
    response_modes_supported: [...RESPONSE_MODES],
    grant_types_supported: supportedGrantTypes,
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["ES256", "EdDSA", "RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    introspection_endpoint_auth_methods_supported: [
      "client_secret_basic",
      "client_secret_post",
      "none",
    ],
    revocation_endpoint_auth_methods_supported: [
      "client_secret_basic",
      "client_secret_post",
      "none",
    ],
    code_challenge_methods_supported: ["S256"],
    // RFC 9449 §5.1: DPoP proofs are accepted with these algorithms.
    dpop_signing_alg_values_supported: [...DPOP_SIGNING_ALGS],
    claims_supported: CLAIMS,
    // OIDC Discovery 1.0 §3: the acr values the sign-in policy understands and asserts.
    acr_values_supported: ACR_VALUES_SUPPORTED,
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    authorization_response_iss_parameter_supported: true,
    prompt_values_supported: ["none", "login", "consent", "select_account"],
  };
}

export const discovery = new Hono<IssuerEnv>().get(
  "/.well-known/openid-configuration",
  loadIssuer,
  (c) => {
    const issuer = c.get("issuer");
    const required = issuerSettings(issuer.settings).access.require_pushed_authorization_requests;
    const metadata = openIdConfiguration(
      c.get("issuerUrl"),
      issuer.availableScopes,
      required === true,
    );
    // RFC 8414 §2: the registration endpoint only where the issuer registers clients.
    const registers = registrationSettingsOf(issuer).mode !== "off";
    const registration = registers
      ? { registration_endpoint: `${c.get("issuerUrl")}/register` }
      : {};
    return jsonResponse(
      { ...metadata, ...registration, ...clientIdMetadataDiscovery(issuer.settings) },
      { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
    );
  },
);
