import { env } from "cloudflare:workers";
import { memberships, organizations } from "@authpi/domain/db";
import { newId } from "@authpi/domain/ids";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.ts";
import type { Seeded } from "./support/login-flow.ts";
import { exchange, introspect, obtainCode, postForm } from "./support/raw-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

async function addMembership(seeded: Seeded, scopes: string[], status = "active") {
  const now = Date.now();
  const orgId = newId("organization", now);
  await seeded.db.insert(organizations).values({
    id: orgId,
    accountId: seeded.accountId,
    issuerId: seeded.issuer.id,
    name: "Acme",
    createdAt: now,
  });
  await seeded.db.insert(memberships).values({
    id: newId("membership", now),
    issuerId: seeded.issuer.id,
    orgId,
    memberType: "user",
    memberId: seeded.user.id,
    scopes,
    userTitle: "Founder",
    status,
    joinedAt: now,
  });
  return orgId;
}

describe("protocol details", () => {
  it("accepts a JSON token request and refuses unknown grants", async () => {
    const seeded = await seedIssuer(DB);
    const got = await obtainCode(seeded, { kind: "spa" });
    const json = await workerFetch(`/${seeded.issuer.id}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "authorization_code",
        code: got.code,
        redirect_uri: got.redirectUri,
        code_verifier: got.verifier,
        client_id: seeded.spa.client.id,
      }),
    });
    expect(json.status).toBe(200);
    const unknown = await postForm(`/${seeded.issuer.id}/token`, {
      grant_type: "password",
      client_id: seeded.spa.client.id,
    });
    expect(((await unknown.json()) as { error: string }).error).toBe("unsupported_grant_type");
    const repeated = await workerFetch(`/${seeded.issuer.id}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&client_id=${seeded.spa.client.id}&client_id=x`,
    });
    expect(((await repeated.json()) as { error: string }).error).toBe("invalid_request");
  });

  it("access tokens follow RFC 9068 and the spec's claims; userinfo answers POST too", async () => {
    const seeded = await seedIssuer(DB);
    const orgId = await addMembership(seeded, ["member", "projects:read"]);
    await addMembership(seeded, ["owner"], "suspended");
    const tokens = (await (await exchange(seeded, await obtainCode(seeded))).json()) as Record<
      string,
      string
    >;
    const at = decodeJwt(tokens.access_token as string);
    expect(at).toMatchObject({
      sub: seeded.user.id,
      aud: seeded.web.client.id,
      client_id: seeded.web.client.id,
      scope: "openid email",
      dat: { type: "identity" },
    });
    expect(at.auth_time).toBe(at.iat);
    expect(at.jti).toHaveLength(18);
    expect(at.organizations).toEqual([
      {
        id: orgId,
        title: "Founder",
        scopes: ["member", "projects:read"],
        joined_at: expect.any(Number),
      },
    ]);
    // The refresh token is an opaque handle (RFC 6749 §1.5): no claims, 256 random bits.
    expect(tokens.refresh_token).toMatch(/^rt_s_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const info = await workerFetch(`/${seeded.issuer.id}/userinfo`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(((await info.json()) as { organizations: unknown[] }).organizations).toHaveLength(1);
  });

  it("org= selects one organization and the refresh token's family keeps only the marker", async () => {
    const seeded = await seedIssuer(DB);
    const first = await addMembership(seeded, ["member"]);
    await addMembership(seeded, ["owner"]);
    const browser = new TestBrowser();
    const params = new URLSearchParams({
      client_id: seeded.web.client.id,
      redirect_uri: "https://app.example.com/callback",
      response_type: "code",
      scope: "openid",
      org: first,
    });
    const page = await (await browser.fetch(`/${seeded.issuer.id}/authorize?${params}`)).text();
    const done = await browser.submitLogin(
      seeded.issuer.id,
      page,
      "alice@example.com",
      seeded.password,
    );
    const code = new URL(done.headers.get("location") as string).searchParams.get("code") as string;
    const response = await postForm(
      `/${seeded.issuer.id}/token`,
      { grant_type: "authorization_code", code, redirect_uri: "https://app.example.com/callback" },
      { id: seeded.web.client.id, secret: seeded.web.secret },
    );
    const tokens = (await response.json()) as Record<string, string>;
    expect(
      (decodeJwt(tokens.access_token as string).organizations as { id: string }[]).map((o) => o.id),
    ).toEqual([first]);
    expect(await introspect(seeded, tokens.refresh_token as string)).toMatchObject({
      active: true,
      token_type: "refresh_token",
      org_id: first,
    });
    const refreshed = (await (
      await postForm(
        `/${seeded.issuer.id}/token`,
        { grant_type: "refresh_token", refresh_token: tokens.refresh_token as string },
        { id: seeded.web.client.id, secret: seeded.web.secret },
      )
    ).json()) as Record<string, string>;
    expect(decodeJwt(refreshed.access_token as string).org_id).toBe(first);
    // authpi-idp reads the selected org from the ID token and from /userinfo (`agent.org_id`).
    expect(decodeJwt(tokens.id_token as string).org_id).toBe(first);
    expect(decodeJwt(tokens.access_token as string).org_id).toBe(first);
    const info = await workerFetch(`/${seeded.issuer.id}/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await info.json()).toMatchObject({ sub: seeded.user.id, org_id: first });

    params.set("org", "org_notamember00000000000000");
    const denied = await browser.fetch(`/${seeded.issuer.id}/authorize?${params}`);
    expect(new URL(denied.headers.get("location") as string).searchParams.get("error")).toBe(
      "access_denied",
    );
  });

  it("accepts the authorization request as a form POST", async () => {
    const seeded = await seedIssuer(DB);
    const response = await new TestBrowser().fetch(`/${seeded.issuer.id}/authorize`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: seeded.web.client.id,
        redirect_uri: "https://app.example.com/callback",
        response_type: "code",
        scope: "openid",
        prompt: "none",
      }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("error=login_required");
  });
});
