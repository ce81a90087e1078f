import { env } from "cloudflare:workers";
import { events, userVerifiers } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Verifier = { id: string; type: string; name: string | null; credential: object };

/** A passkey as the IdP stores it after a registration ceremony (a `webauthn` verifier). */
async function storedPasskey(s: Awaited<ReturnType<typeof seedIssuer>>) {
  const id = "vrf_passkey_test_0001";
  await s.db.insert(userVerifiers).values({
    id,
    userId: s.user.id,
    issuerId: s.issuer.id,
    type: "webauthn",
    name: "laptop",
    status: "active",
    secretHash: null,
    credential: {
      credential_id: "Y3JlZC1pZA",
      public_key: "pQECAyYgASFYIA",
      counter: 3,
      transports: ["internal", "hybrid"],
      device_type: "multiDevice",
      backed_up: true,
      aaguid: "00000000-0000-0000-0000-000000000000",
    },
    usageCount: 0,
    lastUsedAt: null,
    createdAt: Date.now(),
    updatedAt: null,
  });
  return id;
}

describe("passkeys as user verifiers of type webauthn", () => {
  it("lists, gets, renames and deletes a passkey, showing its flags but never its key", async () => {
    const s = await seedIssuer(DB);
    const id = await storedPasskey(s);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/verifiers`;
    const listed = await dataOf<Verifier[]>(await apiCall("GET", base, s.basicAuth));
    const passkey = listed.find((v) => v.type === "webauthn");
    expect(passkey?.credential).toEqual({
      credential_id: "Y3JlZC1pZA",
      transports: ["internal", "hybrid"],
      device_type: "multiDevice",
      backed_up: true,
      counter: 3,
      aaguid: "00000000-0000-0000-0000-000000000000",
    });
    const got = await apiCall("GET", `${base}/${id}`, s.basicAuth);
    expect(await got.clone().text()).not.toContain("pQECAyYgASFYIA");
    expect(await dataOf<Verifier>(got)).toMatchObject({ id, type: "webauthn", name: "laptop" });

    const renamed = await apiCall("PATCH", `${base}/${id}`, s.basicAuth, { name: "work laptop" });
    expect(await dataOf<Verifier>(renamed)).toMatchObject({ name: "work laptop" });

    expect((await apiCall("DELETE", `${base}/${id}`, s.basicAuth)).status).toBeLessThan(300);
    expect((await apiCall("GET", `${base}/${id}`, s.basicAuth)).status).toBe(404);
    const deleted = await s.db
      .select()
      .from(events)
      .where(and(eq(events.issuerId, s.issuer.id), eq(events.type, "user.verifier.deleted")));
    expect(deleted.map((e) => e.data)).toEqual([{ verifier_id: id, verifier_type: "webauthn" }]);
  });
});
