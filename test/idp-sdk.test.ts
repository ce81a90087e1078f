import { type Agent, IdpClient, RefreshError, type TokenSet } from "@authpi/idp";
import { decodeJwt, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { HttpBrowser } from "./support/http-browser.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

let system: SystemEndpoints;
let idp: IdpClient;

beforeAll(async () => {
  system = sharedSystem();
  const web = system.seed.clients.web;
  idp = new IdpClient({
    issuerUrl: `${system.idpUrl}/${system.seed.issuer_id}`,
    clientId: web.client_id,
    clientSecret: web.client_secret as string,
    redirectUri: web.redirect_uris[0] as string,
  });
});

async function signIn(browser = new HttpBrowser()): Promise<Agent> {
  const auth = await idp.createAuthorizationUrl({
    scopes: ["openid", "profile", "email", "offline_access"],
  });
  const callback = await browser.login(
    auth.url,
    system.seed.user.username,
    system.seed.user.password,
  );
  return idp.exchangeCallback(callback, auth);
}

const expired = (tokens: TokenSet): TokenSet => ({
  ...tokens,
  expires_at: Math.floor(Date.now() / 1000) - 5,
});

describe("@authpi/idp against the running workers", () => {
  it("with dpop: true, binds the tokens to its key and proves it at refresh and UserInfo (RFC 9449)", async () => {
    const web = system.seed.clients.web;
    const bound = new IdpClient({
      issuerUrl: `${system.idpUrl}/${system.seed.issuer_id}`,
      clientId: web.client_id,
      clientSecret: web.client_secret as string,
      redirectUri: web.redirect_uris[0] as string,
      dpop: true,
    });
    const auth = await bound.createAuthorizationUrl({
      scopes: ["openid", "email", "offline_access"],
    });
    const callback = await new HttpBrowser().login(
      auth.url,
      system.seed.user.username,
      system.seed.user.password,
    );
    const agent = await bound.exchangeCallback(callback, auth);
    expect(agent.tokens.token_type).toBe("DPoP");
    const jkt = await (await bound.dpopKey())?.thumbprint();
    expect(decodeJwt(agent.tokens.access_token).cnf).toEqual({ jkt });
    expect((await agent.fetchUserInfo()).sub).toBe(system.seed.user.id);
    const refreshed = await bound.createAgent(expired(agent.tokens));
    expect(decodeJwt(refreshed.tokens.access_token).cnf).toEqual({ jkt });
    // The bound token is refused as a Bearer token (RFC 9449 §7.1).
    await expect(idp.userInfo(agent.tokens.access_token)).rejects.toMatchObject({
      error: "invalid_token",
    });
  });

  it("logs in through the hosted page and exchanges the callback", async () => {
    const agent = await signIn();
    expect(agent.id).toBe(system.seed.user.id);
    expect(agent.user?.email).toBe(system.seed.user.username);
    expect(agent.tokens.refresh_token).toBeTruthy();
    expect((await agent.fetchUserInfo()).sub).toBe(system.seed.user.id);
  });

  it("refreshes an expired access token with rotation and hands the new tokens to onRefresh", async () => {
    const agent = await signIn();
    const stored: TokenSet[] = [];
    const again = await idp.createAgent(expired(agent.tokens), {
      onRefresh: (t) => void stored.push(t),
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.refresh_token).not.toBe(agent.tokens.refresh_token);
    expect(again.tokens.access_token).toBe(stored[0]?.access_token);
  });

  it("calls onRefreshError once the session is over (logout)", async () => {
    const browser = new HttpBrowser();
    const agent = await signIn(browser);
    const logout = await idp.createLogoutUrl({ idTokenHint: agent.tokens.id_token as string });
    expect((await browser.fetch(logout)).status).toBe(200);
    const errors: Error[] = [];
    await expect(
      idp.createAgent(expired(agent.tokens), { onRefreshError: (e) => void errors.push(e) }),
    ).rejects.toBeInstanceOf(RefreshError);
    expect((errors[0] as RefreshError).sessionEnded).toBe(true);
  });

  it("hasAccessIn follows membership changes after the next refresh, per organization", async () => {
    const issuerPath = `/issuers/${system.seed.issuer_id}`;
    const a = await coreApi<{ id: string }>(system, "POST", `${issuerPath}/organizations`, {
      name: "A",
    });
    const b = await coreApi<{ id: string }>(system, "POST", `${issuerPath}/organizations`, {
      name: "B",
    });
    const userId = system.seed.user.id;
    await coreApi(system, "POST", `${issuerPath}/organizations/${a.id}/members`, {
      member_id: userId,
      scopes: ["projects:read"],
    });
    const agent = await signIn();
    expect(agent.hasAccessIn(a.id, "read", "projects")).toBe(true);
    expect(agent.hasAccessIn(a.id, "write", "projects")).toBe(false);
    expect(agent.hasAccessIn(b.id, "read", "projects")).toBe(false);

    await coreApi(system, "POST", `${issuerPath}/organizations/${b.id}/members`, {
      member_id: userId,
      scopes: ["projects:**"],
    });
    await coreApi(system, "DELETE", `${issuerPath}/organizations/${a.id}/members/${userId}`);
    expect(agent.hasAccessIn(b.id, "write", "projects.tasks")).toBe(false);
    const refreshed = await idp.createAgent(expired(agent.tokens));
    expect(refreshed.hasAccessIn(a.id, "read", "projects")).toBe(false);
    expect(refreshed.hasAccessIn(b.id, "write", "projects.tasks")).toBe(true);
    await coreApi(system, "DELETE", `${issuerPath}/organizations/${a.id}`);
    await coreApi(system, "DELETE", `${issuerPath}/organizations/${b.id}`);
  });

  it("gets client credentials for a machine client", async () => {
    const m2m = system.seed.clients.m2m;
    const machine = new IdpClient({
      issuerUrl: idp.issuerUrl,
      clientId: m2m.client_id,
      clientSecret: m2m.client_secret as string,
    });
    const agent = await machine.clientCredentials({ scopes: ["api:read"] });
    expect(agent.id).toBe(m2m.client_id);
    expect(agent.user).toBeNull();
    expect(agent.hasAccess("read", "api")).toBe(true);
    expect(agent.hasAccess("write", "api")).toBe(false);
  });

  describe("verifyAccessToken", () => {
    it("accepts a good token and rejects wrong aud, iss, typ, expired and foreign-signed tokens", async () => {
      const agent = await signIn();
      const token = agent.tokens.access_token;
      const audience = system.seed.clients.web.client_id;
      expect((await idp.verifyAccessToken(token, { audience })).sub).toBe(system.seed.user.id);
      await expect(idp.verifyAccessToken(token, { audience: "https://api.other" })).rejects.toThrow(
        /aud/,
      );

      const other = await coreApi<{ id: string }>(system, "POST", "/issuers", { name: "other" });
      const otherIdp = new IdpClient({
        issuerUrl: `${system.idpUrl}/${other.id}`,
        clientId: "c_any",
      });
      await expect(otherIdp.verifyAccessToken(token, { audience })).rejects.toThrow(/iss/);

      await expect(
        idp.verifyAccessToken(agent.tokens.id_token as string, { audience }),
      ).rejects.toThrow(/typ/);
      const later = new Date((decodeJwt(token).exp as number) * 1000 + 60_000);
      await expect(idp.verifyAccessToken(token, { audience, now: later })).rejects.toThrow(/exp/);

      const { privateKey } = await generateKeyPair("ES256");
      const header = JSON.parse(atob(token.split(".")[0] as string)) as { kid: string };
      const forged = await new SignJWT(decodeJwt(token))
        .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: header.kid })
        .sign(privateKey);
      await expect(idp.verifyAccessToken(forged, { audience })).rejects.toThrow(/signature/);
    });
  });
});
