import { env } from "cloudflare:workers";
import { sha256Hex } from "@authpi/domain/crypto";
import { clients } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { exchange, introspect, obtainCode, postForm } from "./support/raw-flow.ts";

const DB = (env as unknown as Env).DB;

async function oauthError(response: Response) {
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, ...((await response.json()) as { error: string }) };
}

describe("token endpoint security", () => {
  it("a replayed code is refused and revokes what the first exchange issued", async () => {
    const seeded = await seedIssuer(DB);
    const got = await obtainCode(seeded);
    const first = (await (await exchange(seeded, got)).json()) as Record<string, string>;
    expect(first.access_token).toBeTruthy();
    expect(await oauthError(await exchange(seeded, got))).toMatchObject({
      status: 400,
      error: "invalid_grant",
    });
    expect((await introspect(seeded, first.access_token as string)).active).toBe(false);
    const refresh = await postForm(
      `/${seeded.issuer.id}/token`,
      { grant_type: "refresh_token", refresh_token: first.refresh_token as string },
      { id: seeded.web.client.id, secret: seeded.web.secret },
    );
    expect(await oauthError(refresh)).toMatchObject({ error: "invalid_grant" });
  });

  it("a replayed refresh token ends the whole family", async () => {
    const seeded = await seedIssuer(DB);
    const got = await obtainCode(seeded);
    const first = (await (await exchange(seeded, got)).json()) as Record<string, string>;
    const auth = { id: seeded.web.client.id, secret: seeded.web.secret };
    const refresh = (token: string) =>
      postForm(
        `/${seeded.issuer.id}/token`,
        { grant_type: "refresh_token", refresh_token: token },
        auth,
      );
    const second = (await (await refresh(first.refresh_token as string)).json()) as Record<
      string,
      string
    >;
    expect(second.refresh_token).toBeTruthy();
    expect(await oauthError(await refresh(first.refresh_token as string))).toMatchObject({
      error: "invalid_grant",
    });
    expect(await oauthError(await refresh(second.refresh_token as string))).toMatchObject({
      error: "invalid_grant",
    });
    expect((await introspect(seeded, second.access_token as string)).active).toBe(false);
  });

  it("refresh may narrow the scope, never widen it", async () => {
    const seeded = await seedIssuer(DB);
    const first = (await (await exchange(seeded, await obtainCode(seeded))).json()) as Record<
      string,
      string
    >;
    const auth = { id: seeded.web.client.id, secret: seeded.web.secret };
    const wider = await postForm(
      `/${seeded.issuer.id}/token`,
      {
        grant_type: "refresh_token",
        refresh_token: first.refresh_token as string,
        scope: "openid email profile",
      },
      auth,
    );
    expect(await oauthError(wider)).toMatchObject({ error: "invalid_scope" });
    const narrower = await postForm(
      `/${seeded.issuer.id}/token`,
      {
        grant_type: "refresh_token",
        refresh_token: first.refresh_token as string,
        scope: "openid",
      },
      auth,
    );
    expect(((await narrower.json()) as { scope: string }).scope).toBe("openid");
  });

  it("PKCE: missing and wrong verifiers are refused, and so is a verifier without a challenge", async () => {
    const seeded = await seedIssuer(DB);
    const missing = await obtainCode(seeded);
    expect(
      await oauthError(await exchange(seeded, missing, { code_verifier: null })),
    ).toMatchObject({ error: "invalid_grant" });
    const wrong = await obtainCode(seeded);
    const other = "x".repeat(43);
    expect(await oauthError(await exchange(seeded, wrong, { code_verifier: other }))).toMatchObject(
      { error: "invalid_grant" },
    );
    const downgrade = await obtainCode(seeded, { pkce: false });
    expect(await oauthError(await exchange(seeded, downgrade))).toMatchObject({
      error: "invalid_grant",
    });
    const spa = await obtainCode(seeded, { kind: "spa" });
    expect(await oauthError(await exchange(seeded, spa, { code_verifier: null }))).toMatchObject({
      error: "invalid_grant",
    });
  });

  it("a code is bound to its client and redirect_uri", async () => {
    const seeded = await seedIssuer(DB);
    const got = await obtainCode(seeded);
    const asSpa = await postForm(`/${seeded.issuer.id}/token`, {
      grant_type: "authorization_code",
      code: got.code,
      redirect_uri: got.redirectUri,
      code_verifier: got.verifier,
      client_id: seeded.spa.client.id,
    });
    expect(await oauthError(asSpa)).toMatchObject({ error: "invalid_grant" });
    const other = await obtainCode(seeded);
    const moved = await exchange(seeded, other, { redirect_uri: "https://app.example.com/other" });
    expect(await oauthError(moved)).toMatchObject({ error: "invalid_grant" });
  });

  it("an expired code is refused", async () => {
    const seeded = await seedIssuer(DB);
    const store = issuerStore(env as unknown as Env, seeded.issuer.id);
    const code = "expired-code-value-expired-code-value-0001";
    await store.saveCode(
      await sha256Hex(code),
      {
        clientId: seeded.web.client.id,
        userId: seeded.user.id,
        sessionId: "s_none",
        redirectUri: "https://app.example.com/callback",
        scope: "openid",
        nonce: null,
        codeChallenge: null,
        authTime: Date.now(),
        resource: [],
        orgId: null,
      },
      Date.now() - 1,
    );
    const response = await postForm(
      `/${seeded.issuer.id}/token`,
      { grant_type: "authorization_code", code, redirect_uri: "https://app.example.com/callback" },
      { id: seeded.web.client.id, secret: seeded.web.secret },
    );
    expect(await oauthError(response)).toMatchObject({ error: "invalid_grant" });
  });

  it("a wrong client secret is invalid_client with a Basic challenge", async () => {
    const seeded = await seedIssuer(DB);
    const response = await postForm(
      `/${seeded.issuer.id}/token`,
      { grant_type: "client_credentials" },
      { id: seeded.web.client.id, secret: `${seeded.web.secret}x` },
    );
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect(await oauthError(response)).toMatchObject({ status: 401, error: "invalid_client" });
    const post = await postForm(`/${seeded.issuer.id}/token`, {
      grant_type: "client_credentials",
      client_id: seeded.web.client.id,
      client_secret: "wrong",
    });
    expect(await oauthError(post)).toMatchObject({ status: 401, error: "invalid_client" });
  });

  it("a rotated client secret works at once, although the client row is cached", async () => {
    const seeded = await seedIssuer(DB);
    const cc = (secret: string) =>
      postForm(
        `/${seeded.issuer.id}/token`,
        { grant_type: "client_credentials" },
        { id: seeded.web.client.id, secret },
      );
    // A web client may not use client_credentials: a 400 after authentication proves the secret passed.
    expect((await cc(seeded.web.secret as string)).status).toBe(400);
    const rotated = "rotated-secret-rotated-secret-rotated-secret";
    await seeded.db
      .update(clients)
      .set({ secretHash: await sha256Hex(rotated) })
      .where(eq(clients.id, seeded.web.client.id));
    expect((await cc(rotated)).status).toBe(400);
    expect((await cc(seeded.web.secret as string)).status).toBe(401);
  });

  it("codes, tokens and clients of one issuer mean nothing at another", async () => {
    const a = await seedIssuer(DB);
    const b = await seedIssuer(DB);
    const got = await obtainCode(a);
    const tokens = (await (await exchange(a, got)).json()) as Record<string, string>;
    const crossClient = await postForm(
      `/${b.issuer.id}/token`,
      { grant_type: "client_credentials" },
      { id: a.web.client.id, secret: a.web.secret },
    );
    expect(await oauthError(crossClient)).toMatchObject({ error: "invalid_client" });
    const crossRefresh = await postForm(
      `/${b.issuer.id}/token`,
      { grant_type: "refresh_token", refresh_token: tokens.refresh_token as string },
      { id: b.web.client.id, secret: b.web.secret },
    );
    expect(await oauthError(crossRefresh)).toMatchObject({ error: "invalid_grant" });
    expect((await introspect(b, tokens.access_token as string)).active).toBe(false);
    const userinfo = await workerFetch(`/${b.issuer.id}/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(401);
    expect(userinfo.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("a refresh token works only for the client it was issued to", async () => {
    const seeded = await seedIssuer(DB);
    const tokens = (await (await exchange(seeded, await obtainCode(seeded))).json()) as Record<
      string,
      string
    >;
    const asSpa = await postForm(`/${seeded.issuer.id}/token`, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token as string,
      client_id: seeded.spa.client.id,
    });
    expect(await oauthError(asSpa)).toMatchObject({ error: "invalid_grant" });
    expect((await introspect(seeded, tokens.refresh_token as string)).active).toBe(true);
  });

  it("introspection shows a client only its own tokens", async () => {
    const seeded = await seedIssuer(DB);
    const spa = await obtainCode(seeded, { kind: "spa" });
    const tokens = (await (await exchange(seeded, spa)).json()) as Record<string, string>;
    expect(await introspect(seeded, tokens.access_token as string)).toEqual({ active: false });
  });

  it("userinfo refuses a missing or forged bearer token", async () => {
    const seeded = await seedIssuer(DB);
    const none = await workerFetch(`/${seeded.issuer.id}/userinfo`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const forged = await workerFetch(`/${seeded.issuer.id}/userinfo`, {
      headers: { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." },
    });
    expect(forged.status).toBe(401);
  });
});
