import { env } from "cloudflare:workers";
import { users } from "@authpi/domain/db";
import {
  addMember,
  CreateOrganizationInput,
  createOrganization,
  MemberInput,
  removeMember,
} from "@authpi/domain/organizations";
import { WRITE_LEASE_MS } from "@authpi/domain/tokens";
import { UpdateUserInput, updateUser } from "@authpi/domain/users";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import type { Seeded } from "./support/login-flow.ts";
import { exchange, introspect, obtainCode, postForm } from "./support/raw-flow.ts";

const bindings = env as unknown as Env;
const SCOPE = "openid profile email offline_access";

/** Signs in and exchanges the code: live tokens of the seeded user. */
async function signIn(seeded: Seeded) {
  const response = await exchange(seeded, await obtainCode(seeded, { scope: SCOPE }));
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string };
}

async function userinfo(seeded: Seeded, token: string) {
  const response = await workerFetch(`/${seeded.issuer.id}/userinfo`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function refresh(seeded: Seeded, token: string) {
  return postForm(
    `/${seeded.issuer.id}/token`,
    { grant_type: "refresh_token", refresh_token: token },
    { id: seeded.web.client.id, secret: seeded.web.secret },
  );
}

/** The Core API's deps for a user write, at the time of the write. */
function writeDeps(seeded: Seeded) {
  const store = issuerStore(bindings, seeded.issuer.id);
  return {
    db: seeded.db,
    store,
    issuerId: seeded.issuer.id,
    ctx: { ...seeded.ctx, now: Date.now() },
  };
}

const rename = (seeded: Seeded, name: string) =>
  updateUser(writeDeps(seeded), seeded.user.id, UpdateUserInput.parse({ profile: { name } }));

/** Changes the name in D1 behind the store's back, as a writer that skipped the protocol would. */
const renameBehindTheStore = (seeded: Seeded, name: string) =>
  seeded.db
    .update(users)
    .set({ profile: { ...seeded.user.profile, name } })
    .where(eq(users.id, seeded.user.id));

describe("the claims snapshot in the issuer store (issue 16)", () => {
  it("serves userinfo from the snapshot once filled: a write that skips the protocol is not seen", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const tokens = await signIn(seeded);
    await rename(seeded, "Alice One");
    expect((await userinfo(seeded, tokens.access_token)).body.name).toBe("Alice One");
    await renameBehindTheStore(seeded, "Not Seen");
    expect((await userinfo(seeded, tokens.access_token)).body.name).toBe("Alice One");
  });

  it("shows a profile change made through the protocol at once, in userinfo and on refresh", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const tokens = await signIn(seeded);
    expect((await userinfo(seeded, tokens.access_token)).status).toBe(200);
    await rename(seeded, "Alice Two");
    expect((await userinfo(seeded, tokens.access_token)).body.name).toBe("Alice Two");
    await rename(seeded, "Alice Three");
    const refreshed = await refresh(seeded, tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    const { id_token } = (await refreshed.json()) as { id_token: string };
    const claims = JSON.parse(
      atob((id_token.split(".")[1] as string).replace(/-/g, "+").replace(/_/g, "/")),
    );
    expect(claims.name).toBe("Alice Three");
  });

  it("shows a membership added and removed at once", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const tokens = await signIn(seeded);
    expect((await userinfo(seeded, tokens.access_token)).body.organizations).toEqual([]);
    const store = issuerStore(bindings, seeded.issuer.id);
    const ctx = { ...seeded.ctx, now: Date.now() };
    const org = await createOrganization(
      seeded.db,
      ctx,
      seeded.issuer.id,
      CreateOrganizationInput.parse({ name: "Acme" }),
    );
    await addMember(
      seeded.db,
      store,
      ctx,
      seeded.issuer.id,
      org.id,
      MemberInput.parse({ member_id: seeded.user.id }),
    );
    const joined = (await userinfo(seeded, tokens.access_token)).body.organizations;
    expect(joined).toMatchObject([{ id: org.id }]);
    await removeMember(seeded.db, store, ctx, seeded.issuer.id, org.id, seeded.user.id);
    expect((await userinfo(seeded, tokens.access_token)).body.organizations).toEqual([]);
  });

  it("blocking a user stops refresh, userinfo and introspection at once", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const tokens = await signIn(seeded);
    expect((await userinfo(seeded, tokens.access_token)).status).toBe(200);
    expect((await userinfo(seeded, tokens.access_token)).status).toBe(200);
    await updateUser(writeDeps(seeded), seeded.user.id, UpdateUserInput.parse({ blocked: true }));
    expect((await userinfo(seeded, tokens.access_token)).status).toBe(401);
    const refused = await refresh(seeded, tokens.refresh_token);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant" });
    expect(await introspect(seeded, tokens.access_token)).toMatchObject({ active: false });
    expect(await introspect(seeded, tokens.refresh_token)).toMatchObject({ active: false });
  });

  it("refuses a stale fill: one read before a write began or ended is not kept", async () => {
    const store = issuerStore(bindings, `iss_claims_race_${Date.now()}`);
    const now = Date.now();
    const check = { sid: null, jti: "unrevoked", kind: "access" as const };
    const first = await store.activeTokenClaims(check, "usr_race", now);
    if (!first.active || first.claims.status !== "miss") throw new Error("expected a miss");
    const clock = first.claims.clock as number;
    const stale = { user: null, memberships: [] };
    await store.beginUserWrite(["usr_race"], now);
    expect(await store.activeTokenClaims(check, "usr_race", now)).toEqual({
      active: true,
      claims: { status: "miss", clock: null },
    });
    expect(await store.fillUserClaims("usr_race", clock, stale, now)).toBe(false);
    await store.endUserWrite(["usr_race"], now);
    expect(await store.fillUserClaims("usr_race", clock, stale, now)).toBe(false);
    const after = await store.activeTokenClaims(check, "usr_race", now);
    if (!after.active || after.claims.status !== "miss") throw new Error("expected a miss");
    expect(after.claims.clock).not.toBe(clock);
    expect(await store.fillUserClaims("usr_race", after.claims.clock as number, stale, now)).toBe(
      true,
    );
    expect(await store.activeTokenClaims(check, "usr_race", now)).toEqual({
      active: true,
      claims: { status: "hit", snapshot: stale },
    });
  });

  it("reads D1 during an open write, and again once a write whose end never came lapses", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const tokens = await signIn(seeded);
    expect((await userinfo(seeded, tokens.access_token)).status).toBe(200);
    const store = issuerStore(bindings, seeded.issuer.id);
    // A writer that began, committed and died before its end.
    await store.beginUserWrite([seeded.user.id], Date.now());
    await renameBehindTheStore(seeded, "Mid Write");
    expect((await userinfo(seeded, tokens.access_token)).body.name).toBe("Mid Write");
    await renameBehindTheStore(seeded, "Still Mid Write");
    expect((await userinfo(seeded, tokens.access_token)).body.name).toBe("Still Mid Write");
    // A lease already over: the next read goes to D1 and may be kept again.
    await store.beginUserWrite([seeded.user.id], Date.now() - WRITE_LEASE_MS - 1);
    await renameBehindTheStore(seeded, "After The Lease");
    expect((await userinfo(seeded, tokens.access_token)).body.name).toBe("After The Lease");
  });
});
