import { describe, expect, it } from "vitest";
import { IdpClient } from "./client.ts";
import { IdpError, IssuerMismatchError, RefreshError, StateMismatchError } from "./errors.ts";
import type { TokenSet } from "./types.ts";

const ISSUER = "https://idp.example.com/i_test";

/** Stands in for the identity provider (the outside world of a unit test). */
function fakeIdp(handlers: { token?: (body: URLSearchParams) => Response }) {
  const calls: string[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const url = String(input);
    calls.push(url);
    if (url.endsWith("/.well-known/openid-configuration")) {
      return Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/authorize`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks.json`,
        userinfo_endpoint: `${ISSUER}/userinfo`,
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (url.endsWith("/token") && handlers.token) {
      return handlers.token(new URLSearchParams(String(init?.body)));
    }
    return new Response("not found", { status: 404 });
  };
  return { fetcher, calls };
}

const client = (fetcher: typeof fetch) =>
  new IdpClient({
    issuerUrl: ISSUER,
    clientId: "c_1",
    redirectUri: "https://app.example.com/cb",
    fetch: fetcher,
  });

describe("IdpClient", () => {
  it("builds an authorization URL with PKCE S256, state, nonce and the options", async () => {
    const { fetcher } = fakeIdp({});
    const auth = await client(fetcher).createAuthorizationUrl({
      scopes: ["openid", "email"],
      org: "org_1",
      prompt: "login",
    });
    const url = new URL(auth.url);
    expect(url.origin + url.pathname).toBe(`${ISSUER}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "c_1",
      redirect_uri: "https://app.example.com/cb",
      scope: "openid email",
      state: auth.state,
      nonce: auth.nonce,
      code_challenge_method: "S256",
      org: "org_1",
      prompt: "login",
    });
    expect(auth.codeVerifier).toHaveLength(43);
  });

  it("refuses a callback with the wrong state or issuer before exchanging anything", async () => {
    const { fetcher, calls } = fakeIdp({});
    const idp = client(fetcher);
    const stored = { codeVerifier: "v", state: "s1", nonce: "n" };
    await expect(
      idp.exchangeCallback("https://app.example.com/cb?code=c&state=s2", stored),
    ).rejects.toBeInstanceOf(StateMismatchError);
    await expect(
      idp.exchangeCallback(
        `https://app.example.com/cb?code=c&state=s1&iss=${encodeURIComponent("https://evil.example")}`,
        stored,
      ),
    ).rejects.toBeInstanceOf(IssuerMismatchError);
    await expect(
      idp.exchangeCallback("https://app.example.com/cb?code=c&state=s1", stored),
    ).rejects.toBeInstanceOf(IssuerMismatchError);
    await expect(
      idp.exchangeCallback(
        `https://app.example.com/cb?error=access_denied&state=s1&iss=${encodeURIComponent(ISSUER)}`,
        stored,
      ),
    ).rejects.toMatchObject({ error: "access_denied" });
    expect(calls.some((url) => url.endsWith("/token"))).toBe(false);
  });

  it("refreshes once for concurrent callers and hands the rotated tokens to onRefresh", async () => {
    let requests = 0;
    const { fetcher } = fakeIdp({
      token: () => {
        requests++;
        return Response.json({
          access_token: `at${requests}`,
          refresh_token: `rt${requests}`,
          expires_in: 300,
          token_type: "Bearer",
        });
      },
    });
    const expired: TokenSet = {
      access_token: "old",
      token_type: "Bearer",
      expires_at: 1,
      refresh_token: "rt0",
    };
    const seen: TokenSet[] = [];
    const idp = client(fetcher);
    const agent = await idp.createAgent(
      { ...expired, expires_at: Math.floor(Date.now() / 1000) + 3600 },
      { onRefresh: (t) => void seen.push(t) },
    );
    expect(await agent.accessToken()).toBe("old");
    const agents = await Promise.all(
      Array.from({ length: 5 }, () =>
        idp.createAgent(expired, { onRefresh: (t) => void seen.push(t) }),
      ),
    );
    expect(requests).toBe(1);
    expect(agents.map((a) => a.tokens.access_token)).toEqual(Array(5).fill("at1"));
    expect(seen).toHaveLength(1);
  });

  it("reports a session that ended as RefreshError(sessionEnded) to onRefreshError", async () => {
    const { fetcher } = fakeIdp({
      token: () =>
        Response.json({ error: "invalid_grant", error_description: "revoked" }, { status: 400 }),
    });
    const errors: Error[] = [];
    const promise = client(fetcher).createAgent(
      { access_token: "a", token_type: "Bearer", expires_at: 1, refresh_token: "r" },
      { onRefreshError: (e) => void errors.push(e) },
    );
    await expect(promise).rejects.toMatchObject({ name: "RefreshError", sessionEnded: true });
    expect(errors[0]).toBeInstanceOf(RefreshError);
    expect((errors[0] as RefreshError).cause).toBeInstanceOf(IdpError);
  });
});
