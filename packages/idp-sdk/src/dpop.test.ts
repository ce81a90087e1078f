import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, EmbeddedJWK } from "jose";
import { describe, expect, it } from "vitest";
import { IdpClient } from "./client.ts";
import { DpopKey } from "./dpop.ts";

const ISSUER = "https://idp.example.com/i_test";

async function claimsOf(proof: string) {
  const { payload } = await compactVerify(proof, EmbeddedJWK);
  return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
}

/** Stands in for the identity provider: asks for a nonce once per endpoint, then answers. */
function nonceIdp() {
  const proofs: string[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const url = String(input);
    if (url.endsWith("/.well-known/openid-configuration")) {
      return Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/authorize`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks.json`,
        userinfo_endpoint: `${ISSUER}/userinfo`,
      });
    }
    const proof = new Headers(init?.headers).get("dpop") ?? "";
    proofs.push(proof);
    const { nonce } = await claimsOf(proof);
    if (url.endsWith("/token")) {
      if (nonce !== "n-1") {
        return Response.json(
          { error: "use_dpop_nonce" },
          { status: 400, headers: { "dpop-nonce": "n-1" } },
        );
      }
      return Response.json({ access_token: "at-1", token_type: "DPoP", expires_in: 60 });
    }
    if (url.endsWith("/userinfo")) {
      if (nonce !== "n-2") {
        return new Response(null, {
          status: 401,
          headers: { "dpop-nonce": "n-2", "www-authenticate": 'DPoP error="use_dpop_nonce"' },
        });
      }
      expect(new Headers(init?.headers).get("authorization")).toBe("DPoP at-1");
      return Response.json({ sub: "usr_1" });
    }
    return new Response("not found", { status: 404 });
  };
  return { fetcher, proofs };
}

describe("DPoP (RFC 9449)", () => {
  it("signs a proof with typ, the public jwk, htm, htu without query, jti, iat and ath", async () => {
    const key = await DpopKey.generate();
    const proof = await key.proof("GET", `${ISSUER}/userinfo?x=1#y`, "token-1");
    const header = decodeProtectedHeader(proof);
    expect(header).toMatchObject({ typ: "dpop+jwt", alg: "ES256" });
    expect(header.jwk).not.toHaveProperty("d");
    expect(await calculateJwkThumbprint(header.jwk as never)).toBe(await key.thumbprint());
    const claims = await claimsOf(proof);
    expect(claims).toMatchObject({ htm: "GET", htu: `${ISSUER}/userinfo` });
    expect(claims.ath).toBe("PwiqzhIu4jaEMsHKI6BJvGQLr78A_fM6UkKfOLoS2_k");
    expect(typeof claims.jti).toBe("string");
    expect(claims.jti).not.toBe((await claimsOf(await key.proof("GET", ISSUER))).jti);
  });

  it("retries once with the server's nonce and remembers it", async () => {
    const { fetcher, proofs } = nonceIdp();
    const key = await DpopKey.generate();
    const idp = new IdpClient({ issuerUrl: ISSUER, clientId: "c_1", fetch: fetcher, dpop: key });
    const agent = await idp.clientCredentials();
    expect(agent.tokens.token_type).toBe("DPoP");
    expect(proofs).toHaveLength(2);
    expect(key.nonce).toBe("n-1");
    expect(await idp.userInfo("at-1")).toEqual({ sub: "usr_1" });
    expect(proofs).toHaveLength(4);
    expect((await claimsOf(proofs[3] as string)).ath).toBeTypeOf("string");
    expect(key.nonce).toBe("n-2");
  });

  it("without the option, sends no proof and uses Bearer", async () => {
    const seen: Headers[] = [];
    const fetcher: typeof fetch = async (input, init) => {
      seen.push(new Headers(init?.headers));
      return String(input).endsWith("openid-configuration")
        ? Response.json({ issuer: ISSUER, userinfo_endpoint: `${ISSUER}/userinfo` })
        : Response.json({ sub: "usr_1" });
    };
    await new IdpClient({ issuerUrl: ISSUER, clientId: "c_1", fetch: fetcher }).userInfo("at");
    expect(seen.at(-1)?.get("authorization")).toBe("Bearer at");
    expect(seen.at(-1)?.get("dpop")).toBeNull();
  });
});
