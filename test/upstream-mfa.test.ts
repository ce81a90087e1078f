import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WebClient, webClientWithCallback } from "./support/hosted-browser.ts";
import { ScriptedOidc } from "./support/scripted-oidc.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";
import { enableUpstream, throughUpstream, upstreamIssuer } from "./support/upstream-journey.ts";

describe("upstream sign-in and MFA (issuer requires a second factor)", () => {
  const upstream = new ScriptedOidc();
  let system: SystemEndpoints;
  let web: WebClient;
  let close: () => void;
  let mapped: string;
  let unmapped: string;

  beforeAll(async () => {
    system = sharedSystem();
    await upstream.start();
    const issuerId = await upstreamIssuer(system, "upstream mfa", {
      authentication: { second_factor: "required" },
    });
    const settings = { issuer: upstream.url, client_id: upstream.clientId, client_secret: "s" };
    mapped = await enableUpstream(system, issuerId, "Mapped", {
      ...settings,
      provider: "mapped",
      mfa_amr_values: ["otp"],
      mfa_acr_values: ["urn:op:loa:3"],
    });
    unmapped = await enableUpstream(system, issuerId, "Unmapped", {
      ...settings,
      provider: "plain",
    });
    ({ web, close } = await webClientWithCallback(system, "upstream mfa", issuerId));
  });
  afterAll(async () => {
    close?.();
    await upstream.stop();
  });

  /** Redeems the code the callback's redirect carries; returns our ID token's claims. */
  async function redeem(location: string, verifier: string) {
    const code = new URL(location).searchParams.get("code") ?? "";
    const response = await fetch(`${system.idpUrl}/${web.issuer_id}/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${web.client_id}:${web.client_secret}`).toString("base64")}`,
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: web.redirect_uri,
        code_verifier: verifier,
      }),
    });
    expect(response.status).toBe(200);
    return decodeJwt(((await response.json()) as { id_token: string }).id_token);
  }

  it("counts a mapped upstream amr as the second factor: fed and mfa, no second step", async () => {
    upstream.tamper = (claims) => ({
      ...claims,
      sub: "mfa-amr",
      email: "mfa-amr@upstream.test",
      amr: ["pwd", "otp"],
    });
    const { browser, callback, verifier } = await throughUpstream(system, web, mapped);
    const response = await browser.fetch(callback.href);
    expect(response.status).toBe(303);
    const claims = await redeem(response.headers.get("location") ?? "", verifier);
    expect(claims.amr).toEqual(["fed", "mfa"]);
  });

  it("counts a mapped upstream acr the same way", async () => {
    upstream.tamper = (claims) => ({
      ...claims,
      sub: "mfa-acr",
      email: "mfa-acr@upstream.test",
      acr: "urn:op:loa:3",
    });
    const { browser, callback, verifier } = await throughUpstream(system, web, mapped);
    const response = await browser.fetch(callback.href);
    expect(response.status).toBe(303);
    expect((await redeem(response.headers.get("location") ?? "", verifier)).amr).toEqual([
      "fed",
      "mfa",
    ]);
  });

  it("still runs the second-factor step when the upstream's amr is not mapped", async () => {
    upstream.tamper = (claims) => ({
      ...claims,
      sub: "no-mfa",
      email: "no-mfa@upstream.test",
      amr: ["pwd", "otp"],
    });
    const { browser, callback } = await throughUpstream(system, web, unmapped);
    const response = await browser.fetch(callback.href);
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    // A new user with no second factor is asked to add one before any code is issued.
    expect(await response.text()).toMatch(/authenticator|passkey/i);
  });

  it("does not count an unmapped amr on a mapped connection", async () => {
    upstream.tamper = (claims) => ({
      ...claims,
      sub: "pwd-only",
      email: "pwd-only@upstream.test",
      amr: ["pwd"],
    });
    const { browser, callback } = await throughUpstream(system, web, mapped);
    const response = await browser.fetch(callback.href);
    expect(response.status).toBe(200);
  });
});
