import { env } from "cloudflare:workers";
import { acrFor } from "@authpi/domain/login";
import { JWKS_MAX_AGE_S, PUBLISH_LEAD_MS } from "@authpi/domain/signing-keys";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("GET /{issuer_id}/.well-known/openid-configuration", () => {
  it("describes the issuer with every metadata field we promise", async () => {
    const { issuer } = await seedIssuer(DB);
    const response = await workerFetch(`/${issuer.id}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("max-age");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const iss = `http://localhost:8787/${issuer.id}`;
    const metadata = (await response.json()) as Record<string, unknown>;
    // Dynamic registration is off by default (RFC 8414 §2: no endpoint advertised then).
    expect(metadata).not.toHaveProperty("registration_endpoint");
    expect(metadata).toMatchObject({
      issuer: iss,
      authorization_endpoint: `${iss}/authorize`,
      token_endpoint: `${iss}/token`,
      userinfo_endpoint: `${iss}/userinfo`,
      jwks_uri: `${iss}/jwks.json`,
      introspection_endpoint: `${iss}/introspect`,
      revocation_endpoint: `${iss}/revoke`,
      end_session_endpoint: `${iss}/logout`,
      frontchannel_logout_supported: true,
      frontchannel_logout_session_supported: true,
      response_types_supported: ["code"],
      response_modes_supported: ["query", "fragment", "form_post"],
      grant_types_supported: [
        "authorization_code",
        "refresh_token",
        "client_credentials",
        "urn:ietf:params:oauth:grant-type:device_code",
        "urn:ietf:params:oauth:grant-type:token-exchange",
      ],
      device_authorization_endpoint: `${iss}/device_authorization`,
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["ES256", "EdDSA", "RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
      code_challenge_methods_supported: ["S256"],
      authorization_response_iss_parameter_supported: true,
      prompt_values_supported: ["none", "login", "consent", "select_account"],
      scopes_supported: expect.arrayContaining(["openid", "offline_access"]),
      claims_supported: expect.arrayContaining(["sub", "organizations"]),
    });
  });

  it("lists the acr values the sign-in policy understands, each one asserted when met", async () => {
    const { issuer } = await seedIssuer(DB);
    const response = await workerFetch(`/${issuer.id}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as { acr_values_supported: string[] };
    expect(metadata.acr_values_supported).toEqual([
      "1fa",
      "mfa",
      "http://schemas.openid.net/pape/policies/2007/06/multi-factor",
    ]);
    for (const value of metadata.acr_values_supported) {
      expect(acrFor([value], ["pwd", "otp", "mfa"]), value).toBe(value);
    }
    expect(acrFor(["mfa"], ["pwd"])).not.toBe("mfa");
  });

  it("is a 404 in the error envelope for an unknown issuer", async () => {
    const response = await workerFetch(
      "/i_0000000000000000000000000/.well-known/openid-configuration",
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: "not_found",
      error_description: "Issuer not found",
    });
  });
});

describe("GET /{issuer_id}/jwks.json", () => {
  it("publishes ES256, EdDSA and RS256 public keys, cacheable", async () => {
    const { issuer } = await seedIssuer(DB);
    const response = await workerFetch(`/${issuer.id}/jwks.json`);
    expect(response.status).toBe(200);
    // No stale serving, and a cache refreshes before a newly published key signs.
    expect(response.headers.get("cache-control")).toBe(`public, max-age=${JWKS_MAX_AGE_S}`);
    expect(JWKS_MAX_AGE_S * 1000 + 60_000).toBeLessThan(PUBLISH_LEAD_MS);
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys.map((k) => `${k.kty}/${k.alg}`).sort()).toEqual([
      "EC/ES256",
      "OKP/EdDSA",
      "RSA/RS256",
    ]);
    for (const key of keys) {
      expect(key.use).toBe("sig");
      for (const privatePart of ["d", "p", "q", "dp", "dq", "qi"])
        expect(key).not.toHaveProperty(privatePart);
    }
  });

  it("is a 404 for an unknown issuer", async () => {
    expect((await workerFetch("/i_unknown/jwks.json")).status).toBe(404);
  });
});
