import { env } from "cloudflare:workers";
import { newId } from "@authpi/domain/ids";
import { inShard, shardForUser, shardOf } from "@authpi/domain/oauth";
import { UpdateUserInput, updateUser } from "@authpi/domain/users";
import { seedIssuer } from "@authpi/testkit/factories";
import { issuerShardOf, issuerStoreOf, openRpSession } from "@authpi/testkit/many-sessions";
import { countPlacingOffHome, setStoreShards } from "@authpi/testkit/shards";
import * as client from "openid-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loginWithCode } from "./support/login-flow.ts";
import { signIntoPortal } from "./support/portal.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

function jtiOf(jwt: string): string {
  const payload = JSON.parse(atob((jwt.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/")));
  return String(payload.jti);
}

/** The shard a refresh handle (`rt_<sid>.<secret>`) routes to: its session's. */
function refreshShard(handle: string): number {
  const sid = /^rt_(.+)\.[A-Za-z0-9_-]{43}$/.exec(handle)?.[1];
  if (!sid) throw new Error(`not a refresh handle: ${handle}`);
  return shardOf(sid, "id");
}

/** Moves the clock past the IdP's 30 s issuer cache, as a later request would see it. */
function laterBy(ms: number) {
  const real = Date.now.bind(Date);
  vi.spyOn(Date, "now").mockImplementation(() => real() + ms);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an issuer whose sessions are spread over shards", () => {
  it("keeps a sign-in's session, code and tokens in the user's shard, on every token path", async () => {
    const seeded = await seedIssuer(DB);
    const count = countPlacingOffHome(seeded.user.id);
    await setStoreShards(seeded, count);
    const shard = shardForUser(seeded.user.id, count);

    const { config, tokens } = await loginWithCode(seeded);
    const sid = tokens.claims()?.sid as string;
    expect(shardOf(sid, "id")).toBe(shard);
    expect(shardOf(jtiOf(tokens.access_token), "token")).toBe(shard);
    expect(refreshShard(tokens.refresh_token as string)).toBe(shard);
    expect(await issuerShardOf(seeded.issuer.id, shard).getSession(sid, Date.now())).not.toBeNull();
    expect(await issuerShardOf(seeded.issuer.id, 0).getSession(sid, Date.now())).toBeNull();

    const info = await client.fetchUserInfo(config, tokens.access_token, seeded.user.id);
    expect(info.sub).toBe(seeded.user.id);
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
    expect((await client.tokenIntrospection(config, tokens.refresh_token as string)).active).toBe(
      true,
    );

    const rotated = await client.refreshTokenGrant(config, tokens.refresh_token as string);
    expect(refreshShard(rotated.refresh_token as string)).toBe(shard);
    await expect(
      client.refreshTokenGrant(config, tokens.refresh_token as string),
    ).rejects.toMatchObject({ error: "invalid_grant" });
    // Reuse revoked the family (RFC 9700 §4.14.2), in the shard that holds it.
    await expect(
      client.refreshTokenGrant(config, rotated.refresh_token as string),
    ).rejects.toMatchObject({ error: "invalid_grant" });
    expect((await client.tokenIntrospection(config, rotated.access_token)).active).toBe(false);
  });

  it("keeps the claims snapshot in the session's shard: a write through the protocol is seen at once", async () => {
    const seeded = await seedIssuer(DB);
    const count = countPlacingOffHome(seeded.user.id);
    await setStoreShards(seeded, count);
    const shard = shardForUser(seeded.user.id, count);
    const { config, tokens } = await loginWithCode(seeded);
    const sid = tokens.claims()?.sid as string;
    expect(shardOf(sid, "id")).toBe(shard);
    const info = () => client.fetchUserInfo(config, tokens.access_token, seeded.user.id);
    await info();
    // The fill went to the session's shard: its lookup now hits there, not in shard 0.
    const home = await issuerShardOf(seeded.issuer.id, 0).activeTokenClaims(
      { sid, jti: jtiOf(tokens.access_token), kind: "access" },
      seeded.user.id,
      Date.now(),
    );
    expect(home.active).toBe(false);
    const there = await issuerShardOf(seeded.issuer.id, shard).activeTokenClaims(
      { sid, jti: jtiOf(tokens.access_token), kind: "access" },
      seeded.user.id,
      Date.now(),
    );
    expect(there).toMatchObject({ active: true, claims: { status: "hit" } });

    const store = issuerStoreOf(seeded.issuer.id);
    const deps = {
      db: seeded.db,
      store,
      issuerId: seeded.issuer.id,
      ctx: { ...seeded.ctx, now: Date.now() },
    };
    await updateUser(
      deps,
      seeded.user.id,
      UpdateUserInput.parse({ profile: { name: "Sharded Name" } }),
    );
    expect((await info()).name).toBe("Sharded Name");
    const rotated = await client.refreshTokenGrant(config, tokens.refresh_token as string);
    expect(rotated.claims()?.name).toBe("Sharded Name");
  });

  it("revokes an access token and logs out in the shard of the session", async () => {
    const seeded = await seedIssuer(DB);
    await setStoreShards(seeded, countPlacingOffHome(seeded.user.id));
    const first = await loginWithCode(seeded);
    await client.tokenRevocation(first.config, first.tokens.access_token);
    expect((await client.tokenIntrospection(first.config, first.tokens.access_token)).active).toBe(
      false,
    );
    expect(
      (await client.tokenIntrospection(first.config, first.tokens.refresh_token as string)).active,
    ).toBe(true);

    const url = client.buildEndSessionUrl(first.config, {
      id_token_hint: first.tokens.id_token as string,
    });
    expect((await first.browser.fetch(url.href)).status).toBe(200);
    await expect(
      client.refreshTokenGrant(first.config, first.tokens.refresh_token as string),
    ).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("keeps tokens issued at one shard working after the count grows, and fans out over both", async () => {
    const seeded = await seedIssuer(DB);
    const old = await loginWithCode(seeded);
    const oldSid = old.tokens.claims()?.sid as string;
    expect(shardOf(oldSid, "id")).toBe(0);

    const count = countPlacingOffHome(seeded.user.id);
    await setStoreShards(seeded, count);
    laterBy(31_000);
    const fresh = await loginWithCode(seeded);
    const freshSid = fresh.tokens.claims()?.sid as string;
    expect(shardOf(freshSid, "id")).toBe(shardForUser(seeded.user.id, count));

    const { config } = old;
    expect((await client.fetchUserInfo(config, old.tokens.access_token, seeded.user.id)).sub).toBe(
      seeded.user.id,
    );
    expect((await client.tokenIntrospection(config, old.tokens.access_token)).active).toBe(true);
    const refreshed = await client.refreshTokenGrant(config, old.tokens.refresh_token as string);
    expect(refreshShard(refreshed.refresh_token as string)).toBe(0);

    const store = issuerStoreOf(seeded.issuer.id);
    const listed = await store.listSessions({ userId: seeded.user.id }, Date.now());
    const ids = listed.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([oldSid, freshSid]));
    const created = listed.map((s) => s.createdAt);
    expect(created).toEqual([...created].sort((a, b) => b - a));

    // Logging out the old session leaves the new one, in its other shard, alone.
    const bye = client.buildEndSessionUrl(config, { id_token_hint: old.tokens.id_token as string });
    expect((await old.browser.fetch(bye.href)).status).toBe(200);
    expect((await client.tokenIntrospection(config, refreshed.access_token)).active).toBe(false);
    expect((await client.tokenIntrospection(config, fresh.tokens.access_token)).active).toBe(true);

    const ended = await store.endUserSessions(seeded.user.id, "user_blocked", Date.now());
    expect(ended.map((s) => s.id)).toContain(freshSid);
    expect((await client.tokenIntrospection(config, fresh.tokens.access_token)).active).toBe(false);
    const after = await store.listSessions({ userId: seeded.user.id }, Date.now());
    expect(after.filter((s) => s.status === "active")).toEqual([]);
  });

  it("ends one client's sessions of a user in every shard (a consent withdrawn)", async () => {
    const seeded = await seedIssuer(DB);
    await setStoreShards(seeded, 4);
    const store = issuerStoreOf(seeded.issuer.id);
    const now = Date.now();
    const ops = await Promise.all(
      [0, 1, 2, 3].map((shard) =>
        store.createOpSession(
          {
            id: inShard(newId("session", now), "id", shard),
            userId: seeded.user.id,
            authMethod: "password",
            authTime: now,
            maxAgeMs: 3600_000,
            idleTimeoutMs: 600_000,
            secretHash: "x",
            device: null,
          },
          now,
        ),
      ),
    );
    expect(ops.map((op) => shardOf(op.id, "id"))).toEqual([0, 1, 2, 3]);
    const web = await Promise.all(ops.map((op) => openRpSession(store, op, seeded.web.client.id)));
    const spa = await openRpSession(store, ops[2] as (typeof ops)[number], seeded.spa.client.id);

    const ended = await store.endClientSessions(
      seeded.user.id,
      seeded.web.client.id,
      "consent_revoked",
      Date.now(),
    );
    expect(ended.map((s) => s.id).sort()).toEqual([...web].sort());
    expect((await store.getSession(spa, Date.now()))?.status).toBe("active");
  });

  it("signs into the account portal with a code from another shard and lists its sessions", async () => {
    const seeded = await seedIssuer(DB);
    await setStoreShards(seeded, countPlacingOffHome(seeded.user.id));
    const { page, browser } = await signIntoPortal(seeded);
    expect(page).toContain("Signed in as alice@example.com");
    expect(page).toContain("This device");
    const cookie = browser.cookies.get("authpi_session") as string;
    expect(shardOf(cookie.split(".")[0] ?? "", "id")).not.toBe(0);
  });
});
