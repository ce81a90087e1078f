import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { type WebClient, webClientWithCallback } from "./support/hosted-browser.ts";
import { HttpBrowser } from "./support/http-browser.ts";
import { ScriptedOidc } from "./support/scripted-oidc.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";
import {
  enableUpstream,
  eventsOf,
  throughUpstream,
  upstreamIssuer,
} from "./support/upstream-journey.ts";

describe("upstream sign-in: state, nonce, ID token and replay checks", () => {
  const upstream = new ScriptedOidc();
  let system: SystemEndpoints;
  let issuerId: string;
  let connection: string;
  let web: WebClient;
  let close: () => void;

  /** The reasons `user.upstream.failed` recorded, newest first. */
  async function failures() {
    const rows = await eventsOf(system, issuerId, "user.upstream.failed");
    return rows.map((e) => e.data.reason);
  }

  async function refused(callback: URL, browser: HttpBrowser, reason: string) {
    const before = (await failures()).length;
    const response = await browser.fetch(callback.href);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    const all = await failures();
    expect(all.length).toBe(before + 1);
    expect(all[0]).toBe(reason);
  }

  beforeAll(async () => {
    system = sharedSystem();
    await upstream.start();
    issuerId = await upstreamIssuer(system, "upstream security");
    connection = await enableUpstream(system, issuerId, "Scripted", {
      provider: "scripted",
      issuer: upstream.url,
      client_id: upstream.clientId,
      client_secret: "scripted-secret",
    });
    ({ web, close } = await webClientWithCallback(system, "upstream security", issuerId));
  });
  afterAll(async () => {
    close?.();
    await upstream.stop();
  });

  it("signs in once with a good ID token, and refuses the same callback replayed", async () => {
    upstream.tamper = (claims) => ({
      ...claims,
      sub: "replay-subject",
      email: "replay@upstream.test",
    });
    const { browser, callback, upstreamAuthorize } = await throughUpstream(system, web, connection);
    expect(upstreamAuthorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(upstreamAuthorize.searchParams.get("nonce")).toMatch(/^[\w-]{43}$/);
    const first = await browser.fetch(callback.href);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toContain(`${web.redirect_uri}?code=`);
    await refused(callback, browser, "replayed");
  });

  it("refuses a callback whose state is not the attempt's", async () => {
    upstream.tamper = (claims) => claims;
    const { browser, callback } = await throughUpstream(system, web, connection);
    const forged = new URL(callback.href);
    forged.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    const before = (await failures()).length;
    const response = await browser.fetch(forged.href);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    // A state no attempt has is not recorded: forged callbacks cannot flood the audit trail.
    expect((await failures()).length).toBe(before);
    // The real attempt is still there for its own callback.
    expect((await browser.fetch(callback.href)).status).toBe(303);
  });

  it("refuses a callback brought back by another browser (the attempt is bound to the first)", async () => {
    const { callback } = await throughUpstream(system, web, connection);
    await refused(callback, new HttpBrowser(), "state_mismatch");
  });

  it("refuses an ID token with another nonce", async () => {
    upstream.tamper = (claims) => ({ ...claims, nonce: "not-the-attempts-nonce" });
    const { browser, callback } = await throughUpstream(system, web, connection);
    await refused(callback, browser, "nonce_mismatch");
  });

  it("refuses an ID token from the wrong issuer", async () => {
    upstream.tamper = (claims) => ({ ...claims, iss: "http://127.0.0.1:9/elsewhere" });
    const { browser, callback } = await throughUpstream(system, web, connection);
    await refused(callback, browser, "issuer_mismatch");
  });

  it("refuses an ID token for another audience", async () => {
    upstream.tamper = (claims) => ({ ...claims, aud: "some-other-client" });
    const { browser, callback } = await throughUpstream(system, web, connection);
    await refused(callback, browser, "audience_mismatch");
  });

  it("refuses an ID token signed by a key the upstream's JWKS does not hold", async () => {
    upstream.tamper = (claims) => claims;
    upstream.signWithStranger = true;
    try {
      const { browser, callback } = await throughUpstream(system, web, connection);
      await refused(callback, browser, "invalid_id_token");
    } finally {
      upstream.signWithStranger = false;
    }
  });

  it("refuses an expired ID token", async () => {
    upstream.tamper = (claims) => ({ ...claims, exp: Math.floor(Date.now() / 1000) - 600 });
    const { browser, callback } = await throughUpstream(system, web, connection);
    await refused(callback, browser, "invalid_id_token");
  });
  it("links only the user the proof step waits for: someone else's password links nothing", async () => {
    const holder = await coreApi<{ id: string }>(system, "POST", `/issuers/${issuerId}/users`, {
      username_type: "email",
      username: "holder@example.com",
      profile: { email: "holder@example.com", email_verified: true },
      password: "the holder's password 42",
    });
    const other = await coreApi<{ id: string }>(system, "POST", `/issuers/${issuerId}/users`, {
      username_type: "email",
      username: "other@example.com",
      password: "the other password 42",
    });
    upstream.tamper = (claims) => ({ ...claims, sub: "holder-sub", email: "holder@example.com" });
    const { browser, callback } = await throughUpstream(system, web, connection);
    const prove = await browser.fetch(callback.href);
    expect(prove.status).toBe(200);
    const page = await prove.text();
    expect(page).toContain("Sign in to it once to link");
    const field = (name: string) =>
      new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? "";
    const signedIn = await browser.fetch(`${system.idpUrl}/${issuerId}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        request_id: field("request_id"),
        csrf_token: field("csrf_token"),
        username: "other@example.com",
        password: "the other password 42",
      }),
    });
    expect(signedIn.status).toBe(303);
    for (const user of [holder, other]) {
      const identities = await coreApi<unknown[]>(
        system,
        "GET",
        `/issuers/${issuerId}/users/${user.id}/identities`,
      );
      expect(identities).toEqual([]);
    }
  });
  it("records an upstream's error answer (the user declined there) as upstream_error", async () => {
    upstream.tamper = (claims) => claims;
    const { browser, callback } = await throughUpstream(system, web, connection);
    const declined = new URL(callback.href);
    declined.search = new URLSearchParams({
      error: "access_denied",
      state: callback.searchParams.get("state") ?? "",
    }).toString();
    await refused(declined, browser, "upstream_error");
  });

  it("takes a form_post callback (Apple's) by continuing it as a GET with the same parameters", async () => {
    upstream.tamper = (claims) => ({ ...claims, sub: "posted-sub", email: "posted@upstream.test" });
    const { browser, callback } = await throughUpstream(system, web, connection);
    const posted = await browser.fetch(`${callback.origin}${callback.pathname}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: callback.searchParams,
    });
    expect(posted.status).toBe(303);
    const again = new URL(posted.headers.get("location") ?? "");
    expect(Object.fromEntries(again.searchParams)).toEqual(
      Object.fromEntries(callback.searchParams),
    );
    const done = await browser.fetch(again.href);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toContain(`${web.redirect_uri}?code=`);
  });
});
