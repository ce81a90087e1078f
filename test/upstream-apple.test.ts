import { exportPKCS8, generateKeyPair, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WebClient, webClientWithCallback } from "./support/hosted-browser.ts";
import { ScriptedOidc } from "./support/scripted-oidc.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";
import {
  enableUpstream,
  eventsOf,
  throughUpstream,
  upstreamIssuer,
} from "./support/upstream-journey.ts";

const TEAM_ID = "TEAM123456";
const KEY_ID = "KEY1234567";
const LITERAL = "a-literal-apple-client-secret";

describe("Sign in with Apple: the client secret JWT minted per token request", () => {
  const upstream = new ScriptedOidc();
  const seen: string[] = [];
  let system: SystemEndpoints;
  let issuerId: string;
  let web: WebClient;
  let close: () => void;
  let applePublic: CryptoKey;
  let pem: string;

  /** Apple's check of `client_secret`: ES256 with our key id, team, client, audience, 5 minutes. */
  async function appleCheck(form: URLSearchParams): Promise<string | null> {
    const secret = form.get("client_secret") ?? "";
    seen.push(secret);
    if (secret === LITERAL) return null;
    try {
      const { payload, protectedHeader } = await jwtVerify(secret, applePublic, {
        algorithms: ["ES256"],
        issuer: TEAM_ID,
        subject: form.get("client_id") ?? "",
        audience: "https://appleid.apple.com",
      });
      if (protectedHeader.kid !== KEY_ID) return "wrong kid";
      if ((payload.exp ?? 0) - (payload.iat ?? 0) !== 300) return "not 5 minutes";
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  beforeAll(async () => {
    system = sharedSystem();
    const apple = await generateKeyPair("ES256", { extractable: true });
    applePublic = apple.publicKey;
    pem = await exportPKCS8(apple.privateKey);
    upstream.checkClient = appleCheck;
    await upstream.start();
    issuerId = await upstreamIssuer(system, "upstream apple");
    ({ web, close } = await webClientWithCallback(system, "upstream apple", issuerId));
  });
  afterAll(async () => {
    close?.();
    await upstream.stop();
  });

  const apple = (settings: Record<string, unknown>) =>
    enableUpstream(system, issuerId, "Apple", {
      provider: "apple",
      issuer: upstream.url,
      client_id: upstream.clientId,
      ...settings,
    });

  it("signs in with a client secret JWT Apple's check accepts, a new one per request", async () => {
    const connection = await apple({
      apple_team_id: TEAM_ID,
      apple_key_id: KEY_ID,
      apple_private_key: pem,
    });
    for (const sub of ["apple-one", "apple-two"]) {
      upstream.tamper = (claims) => ({ ...claims, sub, email: `${sub}@upstream.test` });
      const { browser, callback, upstreamAuthorize } = await throughUpstream(
        system,
        web,
        connection,
      );
      expect(upstreamAuthorize.searchParams.get("response_mode")).toBe("form_post");
      const done = await browser.fetch(callback.href);
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toContain(`${web.redirect_uri}?code=`);
    }
    const minted = seen.slice(-2);
    expect(minted[0]).toMatch(/^eyJ/);
    expect(minted[0]).not.toBe(minted[1]);
    expect(upstream.refusedClients).toEqual([]);
  });

  it("is refused by Apple when minted with another key, recorded without the secret", async () => {
    const stranger = await generateKeyPair("ES256", { extractable: true });
    const connection = await apple({
      apple_team_id: TEAM_ID,
      apple_key_id: KEY_ID,
      apple_private_key: await exportPKCS8(stranger.privateKey),
    });
    upstream.tamper = (claims) => ({ ...claims, sub: "apple-stranger" });
    const { browser, callback } = await throughUpstream(system, web, connection);
    const refused = await browser.fetch(callback.href);
    expect(refused.status).toBe(400);
    expect(upstream.refusedClients.length).toBe(1);
    const failures = await eventsOf(system, issuerId, "user.upstream.failed");
    expect(failures[0]?.data).toMatchObject({
      connection_id: connection,
      reason: "exchange_failed",
    });
    const all = JSON.stringify(await eventsOf(system, issuerId, "user.created"));
    for (const secret of seen) expect(JSON.stringify(failures) + all).not.toContain(secret);
  });

  it("still takes a literal client_secret", async () => {
    const connection = await apple({ client_secret: LITERAL });
    upstream.tamper = (claims) => ({ ...claims, sub: "apple-literal" });
    const { browser, callback } = await throughUpstream(system, web, connection);
    expect((await browser.fetch(callback.href)).status).toBe(303);
    expect(seen.at(-1)).toBe(LITERAL);
  });
});
