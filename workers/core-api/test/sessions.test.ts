import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { newId } from "@authpi/domain/ids";
import { type IssuerStoreRpc, issuerStoreId } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";

const bindings = env as unknown as Env;

function store(issuerId: string): IssuerStoreRpc {
  const ns = bindings.ISSUER_STORE;
  return ns.get(issuerStoreId(ns, issuerId));
}

/** An op session with one rp session under it, made in the IdP's real Durable Object. */
async function login(issuerId: string, userId: string, clientId: string) {
  const now = Date.now();
  const s = store(issuerId);
  const op = await s.createOpSession(
    {
      id: newId("session", now),
      userId,
      authMethod: "password",
      authTime: now,
      maxAgeMs: 3600_000,
      idleTimeoutMs: 600_000,
      secretHash: "x",
      device: { user_agent: "test" },
    },
    now,
  );
  const codeHash = `code-${crypto.randomUUID()}`;
  await s.saveCode(
    codeHash,
    {
      clientId,
      userId,
      sessionId: op.id,
      redirectUri: "https://app.example.com/callback",
      scope: "openid",
      nonce: null,
      codeChallenge: null,
      authTime: now,
      resource: [],
      orgId: null,
    },
    now + 60_000,
  );
  const rpId = newId("session", now);
  const redeemed = await s.redeemCode(
    codeHash,
    clientId,
    { id: rpId, clientId, refreshJti: crypto.randomUUID(), refreshExpiresAt: now + 3600_000 },
    now,
  );
  expect(redeemed.status).toBe("ok");
  return { op: op.id, rp: rpId };
}

type Session = { id: string; type: string; status: string; op_session_id: string | null };

describe("sessions", () => {
  it("lists a user's sessions, suspends, reactivates and revokes with the cascade", async () => {
    const s = await seedIssuer(bindings.DB);
    const { op, rp } = await login(s.issuer.id, s.user.id, s.web.client.id);
    const issuerPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;

    const listed = await dataOf<Session[]>(
      await apiCall("GET", `${issuerPath}/users/${s.user.id}/sessions`, s.basicAuth),
    );
    expect(listed.map((x) => [x.id, x.type, x.status]).sort()).toEqual(
      [
        [op, "op", "active"],
        [rp, "rp", "active"],
      ].sort(),
    );
    const got = await dataOf<Session>(
      await apiCall("GET", `${issuerPath}/sessions/${rp}`, s.basicAuth),
    );
    expect(got.op_session_id).toBe(op);

    const suspended = await apiCall("POST", `${issuerPath}/sessions/${op}/suspend`, s.basicAuth);
    expect((await dataOf<Session>(suspended)).status).toBe("suspended");
    expect(
      await store(s.issuer.id).tokenActive({ sid: rp, jti: "j", kind: "access" }, Date.now()),
    ).toBe(false);
    const back = await apiCall("POST", `${issuerPath}/sessions/${op}/reactivate`, s.basicAuth);
    expect((await dataOf<Session>(back)).status).toBe("active");
    expect(
      await store(s.issuer.id).tokenActive({ sid: rp, jti: "j", kind: "access" }, Date.now()),
    ).toBe(true);

    const revoked = await apiCall("POST", `${issuerPath}/sessions/${op}/revoke`, s.basicAuth, {
      reason: "stolen laptop",
    });
    expect(await dataOf(revoked)).toMatchObject({
      status: "revoked",
      revoked_reason: "stolen laptop",
    });
    const rpAfter = await dataOf<Session>(
      await apiCall("GET", `${issuerPath}/sessions/${rp}`, s.basicAuth),
    );
    expect(rpAfter.status).toBe("revoked");
    const active = await dataOf<Session[]>(
      await apiCall("GET", `${issuerPath}/users/${s.user.id}/sessions?status=active`, s.basicAuth),
    );
    expect(active).toEqual([]);
    // A revoked session stays revoked.
    const again = await apiCall("POST", `${issuerPath}/sessions/${op}/reactivate`, s.basicAuth);
    expect((await dataOf<Session>(again)).status).toBe("revoked");

    const types = (await s.db.select().from(events).where(eq(events.subjectId, op))).map(
      (e) => e.type,
    );
    expect(types).toEqual(["session.updated", "session.updated", "session.terminated"]);
  });

  it("answers 404 for another issuer's session and an unknown user", async () => {
    const a = await seedIssuer(bindings.DB);
    const b = await seedIssuer(bindings.DB);
    const { op } = await login(a.issuer.id, a.user.id, a.web.client.id);
    const other = `/v1/accounts/${b.accountId}/issuers/${b.issuer.id}`;
    expect((await apiCall("GET", `${other}/sessions/${op}`, b.basicAuth)).status).toBe(404);
    expect((await apiCall("POST", `${other}/sessions/${op}/revoke`, b.basicAuth)).status).toBe(404);
    expect((await apiCall("GET", `${other}/users/${a.user.id}/sessions`, b.basicAuth)).status).toBe(
      404,
    );
    const still = await store(a.issuer.id).getSession(op, Date.now());
    expect(still?.status).toBe("active");
  });

  it("blocking or deleting a user revokes their sessions, so their tokens stop at once", async () => {
    const s = await seedIssuer(bindings.DB);
    const first = await login(s.issuer.id, s.user.id, s.web.client.id);
    const live = (sid: string) =>
      store(s.issuer.id).tokenActive({ sid, jti: crypto.randomUUID(), kind: "access" }, Date.now());
    expect(await live(first.rp)).toBe(true);
    const userPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}`;
    await apiCall("PATCH", userPath, s.basicAuth, { status: "blocked" });
    expect(await live(first.rp)).toBe(false);
    const ended = await store(s.issuer.id).getSession(first.op, Date.now());
    expect(ended).toMatchObject({ status: "revoked", endedReason: "user_blocked" });

    await apiCall("PATCH", userPath, s.basicAuth, { status: "active" });
    const second = await login(s.issuer.id, s.user.id, s.web.client.id);
    expect(await live(second.rp)).toBe(true);
    expect((await apiCall("DELETE", userPath, s.basicAuth)).status).toBe(204);
    expect(await live(second.rp)).toBe(false);
    const terminated = (
      await s.db.select().from(events).where(eq(events.subjectId, second.op))
    ).map((e) => e.type);
    expect(terminated).toEqual(["session.terminated"]);
  });
});
