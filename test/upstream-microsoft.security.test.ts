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

const CONTOSO = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const FABRIKAM = "3c8f1e2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b";

describe("Microsoft multi-tenant: iss is the {tenantid} template with the token's own tid", () => {
  const upstream = new ScriptedOidc();
  let system: SystemEndpoints;
  let issuerId: string;
  let web: WebClient;
  let close: () => void;
  let common: string;
  let onlyContoso: string;

  /** An ID token as a user of `tid` gets it; `iss` may be bent to another tenant's. */
  function asTenant(tid: string | undefined, issTenant = tid, sub = `user-of-${tid}`) {
    upstream.tamper = (claims) => ({
      ...claims,
      iss: `${upstream.url}/${issTenant}/v2.0`,
      ...(tid ? { tid } : {}),
      sub,
      email: `${sub}@upstream.test`,
    });
  }

  async function refusedWith(connection: string, reason: string) {
    const { browser, callback } = await throughUpstream(system, web, connection);
    const response = await browser.fetch(callback.href);
    expect(response.status).toBe(400);
    const [latest] = await eventsOf(system, issuerId, "user.upstream.failed");
    expect(latest?.data).toEqual({ connection_id: connection, provider: "microsoft", reason });
  }

  beforeAll(async () => {
    system = sharedSystem();
    await upstream.start();
    // Like login.microsoftonline.com: /common and /organizations advertise the template.
    upstream.discoveryIssuer = (path) =>
      /^\/(common|organizations)\//.test(path)
        ? `${upstream.url}/{tenantid}/v2.0`
        : `${upstream.url}${path}`;
    issuerId = await upstreamIssuer(system, "upstream microsoft");
    const microsoft = (settings: Record<string, unknown>) =>
      enableUpstream(system, issuerId, "Microsoft", {
        provider: "microsoft",
        client_id: upstream.clientId,
        ...settings,
      });
    common = await microsoft({ issuer: `${upstream.url}/common/v2.0` });
    onlyContoso = await microsoft({
      tenant: "organizations",
      issuer: `${upstream.url}/organizations/v2.0`,
      allowed_tenants: [CONTOSO.toUpperCase()],
    });
    ({ web, close } = await webClientWithCallback(system, "upstream microsoft", issuerId));
  });
  afterAll(async () => {
    close?.();
    await upstream.stop();
  });

  it("accepts a user of any tenant whose iss carries their own tid", async () => {
    for (const tid of [CONTOSO, FABRIKAM]) {
      asTenant(tid);
      const { browser, callback } = await throughUpstream(system, web, common);
      const done = await browser.fetch(callback.href);
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toContain(`${web.redirect_uri}?code=`);
    }
  });

  it("refuses an iss naming another tenant than the token's tid, or a token without tid", async () => {
    asTenant(CONTOSO, FABRIKAM);
    await refusedWith(common, "issuer_mismatch");
    asTenant(undefined, CONTOSO, "no-tid");
    await refusedWith(common, "issuer_mismatch");
    // The template itself is no issuer a token may carry.
    asTenant(CONTOSO, "{tenantid}");
    await refusedWith(common, "issuer_mismatch");
  });

  it("lets only allowed_tenants in, and records the refusal without the token", async () => {
    asTenant(FABRIKAM, FABRIKAM, "fabrikam-outsider");
    await refusedWith(onlyContoso, "tenant_not_allowed");
    asTenant(CONTOSO, CONTOSO, "contoso-insider");
    const { browser, callback } = await throughUpstream(system, web, onlyContoso);
    expect((await browser.fetch(callback.href)).status).toBe(303);
    const events = JSON.stringify([
      ...(await eventsOf(system, issuerId, "user.upstream.failed")),
      ...(await eventsOf(system, issuerId, "user.created")),
    ]);
    expect(events).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(events).not.toContain("fabrikam-outsider@");
  });

  it("keeps the exact issuer check for one tenant id", async () => {
    const single = await enableUpstream(system, issuerId, "Contoso only", {
      provider: "microsoft",
      tenant: CONTOSO,
      client_id: upstream.clientId,
      issuer: `${upstream.url}/${CONTOSO}/v2.0`,
    });
    asTenant(CONTOSO, CONTOSO, "single-tenant-user");
    const { browser, callback } = await throughUpstream(system, web, single);
    expect((await browser.fetch(callback.href)).status).toBe(303);
    asTenant(FABRIKAM);
    await refusedWith(single, "issuer_mismatch");
  });
});
