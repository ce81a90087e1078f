import { env } from "cloudflare:workers";
import { sha256Hex } from "@authpi/domain/crypto";
import { events, trustedDevices } from "@authpi/domain/db";
import { isTrustedDevice, TrustDeviceInput, trustDevice } from "@authpi/domain/trusted-devices";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;
const token = () => `dev_${crypto.randomUUID()}${crypto.randomUUID()}`;

type Device = {
  id: string;
  fingerprint: string;
  name: string | null;
  expires_at: number;
  trusted_at: number;
};

describe("trusted devices", () => {
  it("trusts, renews, lists, revokes one and revokes all, storing only the token's hash", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/trusted-devices`;
    const laptop = token();
    const created = await apiCall("POST", base, s.basicAuth, {
      fingerprint: laptop,
      name: "Work laptop",
      user_agent: "Firefox/140",
    });
    expect(created.status).toBe(201);
    const { device_id, expires_at } = await dataOf<{ device_id: string; expires_at: number }>(
      created,
    );
    expect(device_id).toMatch(/^tdv_/);
    const listed = await dataOf<Device[]>(await apiCall("GET", base, s.basicAuth));
    expect(listed).toEqual([
      {
        id: device_id,
        fingerprint: await sha256Hex(laptop),
        name: "Work laptop",
        user_agent: "Firefox/140",
        trusted_at: expect.any(Number),
        expires_at,
        last_used_at: null,
      },
    ]);
    expect(expires_at - (listed[0]?.trusted_at ?? 0)).toBe(30 * 86_400_000);
    const [row] = await s.db.select().from(trustedDevices).where(eq(trustedDevices.id, device_id));
    expect(JSON.stringify(row)).not.toContain(laptop);

    const renewed = await dataOf<{ device_id: string }>(
      await apiCall("POST", base, s.basicAuth, { fingerprint: laptop, ttl_seconds: 7200 }),
    );
    expect(renewed.device_id).toBe(device_id);
    const phone = await dataOf<{ device_id: string }>(
      await apiCall("POST", base, s.basicAuth, { fingerprint: token(), name: "Phone" }),
    );
    expect(
      (await dataOf<Device[]>(await apiCall("GET", base, s.basicAuth))).map((d) => d.id),
    ).toEqual([phone.device_id, device_id]);
    expect((await apiCall("DELETE", `${base}/${phone.device_id}`, s.basicAuth)).status).toBe(204);
    expect((await apiCall("DELETE", `${base}/${phone.device_id}`, s.basicAuth)).status).toBe(404);
    await apiCall("POST", base, s.basicAuth, { fingerprint: token() });
    const all = await apiCall("POST", `${base}/revoke-all`, s.basicAuth);
    expect(await dataOf(all)).toEqual({ revoked_count: 2 });
    expect(await dataOf<Device[]>(await apiCall("GET", base, s.basicAuth))).toEqual([]);
    const recorded = await s.db
      .select({ type: events.type })
      .from(events)
      .where(and(eq(events.subjectId, s.user.id), like(events.type, "user.device.%")))
      .orderBy(events.id);
    expect(recorded.map((e) => e.type)).toEqual([
      "user.device.trusted",
      "user.device.trusted",
      "user.device.trusted",
      "user.device.revoked",
      "user.device.trusted",
      "user.device.revoked",
    ]);
  });

  it("forgets expired devices and answers the IdP's question by hash only", async () => {
    const s = await seedIssuer(DB);
    const secret = token();
    const now = Date.now();
    const input = TrustDeviceInput.parse({ fingerprint: secret, ttl_seconds: 3600 });
    await trustDevice(s.db, { ...s.ctx, now: now - 2 * 3_600_000 }, s.issuer.id, s.user.id, input);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/trusted-devices`;
    expect(await dataOf<Device[]>(await apiCall("GET", base, s.basicAuth))).toEqual([]);
    expect(await isTrustedDevice(s.db, s.issuer.id, s.user.id, secret, now)).toBe(false);
    expect(await isTrustedDevice(s.db, s.issuer.id, s.user.id, secret, now - 5_400_000)).toBe(true);
    expect(await isTrustedDevice(s.db, s.issuer.id, s.user.id, `${secret}x`, now - 5_400_000)).toBe(
      false,
    );
  });

  it("keeps at most 20 devices per user, dropping the oldest", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/trusted-devices`;
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) {
      const input = TrustDeviceInput.parse({ fingerprint: token(), name: `d${i}` });
      ids.push(
        (await trustDevice(s.db, { ...s.ctx, now: s.ctx.now + i }, s.issuer.id, s.user.id, input))
          .id,
      );
    }
    const listed = await dataOf<Device[]>(await apiCall("GET", base, s.basicAuth));
    expect(listed).toHaveLength(20);
    expect(listed.map((d) => d.id)).not.toContain(ids[0]);
  });

  it("refuses short tokens and unknown fields, other issuers' users, and goes with the user", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/trusted-devices`;
    for (const body of [
      { fingerprint: "short" },
      { fingerprint: token(), trusted: true },
      {},
      { fingerprint: token(), ttl_seconds: 60 },
    ]) {
      expect((await apiCall("POST", base, s.basicAuth, body)).status, JSON.stringify(body)).toBe(
        422,
      );
    }
    const other = await dataOf<{ id: string }>(
      await apiCall("POST", `/v1/accounts/${s.accountId}/issuers`, s.basicAuth, { name: "other" }),
    );
    const elsewhere = `/v1/accounts/${s.accountId}/issuers/${other.id}/users/${s.user.id}/trusted-devices`;
    expect((await apiCall("GET", elsewhere, s.basicAuth)).status).toBe(404);
    expect((await apiCall("POST", elsewhere, s.basicAuth, { fingerprint: token() })).status).toBe(
      404,
    );
    const device = await dataOf<{ device_id: string }>(
      await apiCall("POST", base, s.basicAuth, { fingerprint: token() }),
    );
    const seeded = await seedIssuer(DB);
    const theirUser = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${seeded.user.id}/trusted-devices/${device.device_id}`;
    expect((await apiCall("DELETE", theirUser, s.basicAuth)).status).toBe(404);
    await apiCall(
      "DELETE",
      `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}`,
      s.basicAuth,
    );
    expect(
      await s.db.select().from(trustedDevices).where(eq(trustedDevices.userId, s.user.id)),
    ).toEqual([]);
  });
});
