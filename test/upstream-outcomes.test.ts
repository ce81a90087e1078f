import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
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

describe("upstream sign-in outcomes: closed signup, a blocked user", () => {
  const upstream = new ScriptedOidc();
  let system: SystemEndpoints;
  let issuerId: string;
  let connection: string;
  let web: WebClient;
  let close: () => void;

  beforeAll(async () => {
    system = sharedSystem();
    await upstream.start();
    issuerId = await upstreamIssuer(system, "upstream closed signup", { allow_new_users: false });
    connection = await enableUpstream(system, issuerId, "Scripted", {
      provider: "scripted",
      issuer: upstream.url,
      client_id: upstream.clientId,
    });
    ({ web, close } = await webClientWithCallback(system, "upstream outcomes", issuerId));
  });
  afterAll(async () => {
    close?.();
    await upstream.stop();
  });

  it("creates no user when signup is closed, and says so on the login page", async () => {
    upstream.tamper = (claims) => ({ ...claims, sub: "nobody", email: "nobody@upstream.test" });
    const { browser, callback } = await throughUpstream(system, web, connection);
    const response = await browser.fetch(callback.href);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("new accounts cannot be created here");
    const users = await coreApi<unknown[]>(
      system,
      "GET",
      `/issuers/${issuerId}/users?username=nobody%40upstream.test`,
    );
    expect(users).toEqual([]);
    expect(await eventsOf(system, issuerId, "user.created")).toEqual([]);
  });

  it("links an existing user's identity after proof, then refuses it once the user is blocked", async () => {
    const user = await coreApi<{ id: string }>(system, "POST", `/issuers/${issuerId}/users`, {
      username_type: "email",
      username: "blockable@example.com",
      profile: { email: "blockable@example.com", email_verified: true },
      password: "the blockable password 42",
    });
    upstream.tamper = (claims) => ({ ...claims, sub: "blockable", email: "blockable@example.com" });
    const first = await throughUpstream(system, web, connection);
    const page = await (await first.browser.fetch(first.callback.href)).text();
    const field = (name: string) =>
      new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? "";
    const proved = await first.browser.fetch(`${system.idpUrl}/${issuerId}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        request_id: field("request_id"),
        csrf_token: field("csrf_token"),
        username: "blockable@example.com",
        password: "the blockable password 42",
      }),
    });
    expect(proved.status).toBe(303);
    const identities = await coreApi<{ provider: string }[]>(
      system,
      "GET",
      `/issuers/${issuerId}/users/${user.id}/identities`,
    );
    expect(identities.map((i) => i.provider)).toEqual(["scripted"]);

    await coreApi(system, "PATCH", `/issuers/${issuerId}/users/${user.id}`, { status: "blocked" });
    const again = await throughUpstream(system, web, connection);
    const refused = await again.browser.fetch(again.callback.href);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("This account cannot sign in.");
  });
});
