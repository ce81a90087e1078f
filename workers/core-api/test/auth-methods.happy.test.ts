import type { D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { authMethods, events, issuers } from "@authpi/domain/db";
import { newId } from "@authpi/domain/ids";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const bindings = env as unknown as { DB: D1Database; TEST_MIGRATIONS: D1Migration[] };

type Method = {
  id: string;
  name: string;
  method: string;
  enabled: boolean;
  first_factor_only: boolean;
  settings: Record<string, unknown>;
  client_secret_set: boolean;
};

describe("issuer auth methods", () => {
  it("gives a new issuer password, passkeys, authenticator app and backup codes", async () => {
    const s = await seedIssuer(bindings.DB);
    const created = await dataOf<{ id: string }>(
      await apiCall("POST", `/v1/accounts/${s.accountId}/issuers`, s.basicAuth, { name: "fresh" }),
    );
    const listed = await dataOf<Method[]>(
      await apiCall(
        "GET",
        `/v1/accounts/${s.accountId}/issuers/${created.id}/auth-methods`,
        s.basicAuth,
      ),
    );
    expect(listed.map((m) => [m.method, m.enabled, m.first_factor_only])).toEqual([
      ["password", true, true],
      ["webauthn", true, false],
      ["totp_app", true, false],
      ["backup_codes", true, false],
    ]);
    expect(listed[0]?.settings).toEqual({ min_length: 8, max_length: 256 });
  });

  it("creates, reads, updates and deletes a method, with events and If-Match", async () => {
    const s = await seedIssuer(bindings.DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/auth-methods`;
    const [password] = await dataOf<Method[]>(await apiCall("GET", base, s.basicAuth));
    await apiCall("DELETE", `${base}/${password?.id}`, s.basicAuth);

    const created = await apiCall("POST", base, s.basicAuth, {
      name: "Strong passwords",
      method: "password",
      enabled: true,
      settings: { min_length: 12 },
    });
    expect(created.status).toBe(201);
    const method = await dataOf<Method>(created);
    expect(method).toMatchObject({
      id: expect.stringMatching(/^am_/),
      first_factor_only: true,
      settings: { min_length: 12, max_length: 256 },
      client_secret_set: false,
    });
    const got = await apiCall("GET", `${base}/${method.id}`, s.basicAuth);
    const etag = got.headers.get("etag") as string;
    expect(etag).toMatch(/^"\d+"$/);

    const stale = await apiCall(
      "PATCH",
      `${base}/${method.id}`,
      s.basicAuth,
      { enabled: false },
      {
        "if-match": '"1"',
      },
    );
    expect(stale.status).toBe(412);
    const updated = await apiCall(
      "PATCH",
      `${base}/${method.id}`,
      s.basicAuth,
      { name: "Passwords", enabled: false, settings: { max_length: 64 } },
      { "if-match": etag },
    );
    expect(await dataOf<Method>(updated)).toMatchObject({
      name: "Passwords",
      enabled: false,
      settings: { min_length: 12, max_length: 64 },
    });
    expect(updated.headers.get("etag")).not.toBe(etag);
    expect((await apiCall("DELETE", `${base}/${method.id}`, s.basicAuth)).status).toBe(204);
    expect((await apiCall("GET", `${base}/${method.id}`, s.basicAuth)).status).toBe(404);

    const recorded = await s.db
      .select({ type: events.type })
      .from(events)
      .where(and(eq(events.issuerId, s.issuer.id), like(events.type, "issuer.auth-method.%")))
      .orderBy(events.id);
    expect(recorded.map((e) => e.type)).toEqual([
      "issuer.auth-method.deleted",
      "issuer.auth-method.created",
      "issuer.auth-method.updated",
      "issuer.auth-method.deleted",
    ]);
  });

  it("turns on an oauth2 upstream in one call (preset, MFA mapping), and email-link with a 10-minute TTL", async () => {
    const s = await seedIssuer(bindings.DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/auth-methods`;
    const google = await apiCall("POST", base, s.basicAuth, {
      name: "Google",
      method: "oauth2",
      enabled: true,
      settings: { provider: "google", client_id: "abc.apps", client_secret: "s3cret" },
    });
    expect(google.status).toBe(201);
    expect(await dataOf<Method>(google)).toMatchObject({
      enabled: true,
      first_factor_only: true,
      client_secret_set: true,
      settings: { provider: "google", mfa_amr_values: [], mfa_acr_values: [] },
    });
    const local = await apiCall("POST", base, s.basicAuth, {
      name: "Local OP",
      method: "oauth2",
      enabled: true,
      settings: {
        provider: "local-op",
        client_id: "edge",
        issuer: "http://127.0.0.1:4010/op",
        mfa_amr_values: ["mfa", "otp"],
      },
    });
    expect(local.status).toBe(201);
    const link = await apiCall("POST", base, s.basicAuth, {
      name: "Magic link",
      method: "email-link",
      enabled: false,
    });
    expect(await dataOf<Method>(link)).toMatchObject({ settings: { ttl_seconds: 600 } });
  });

  it("features methods on the login page through settings.authentication.methods_featured", async () => {
    const s = await seedIssuer(bindings.DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    const fresh = await dataOf<{ id: string; settings: { authentication: unknown } }>(
      await apiCall("POST", `/v1/accounts/${s.accountId}/issuers`, s.basicAuth, { name: "f" }),
    );
    expect(fresh.settings.authentication).toEqual({ methods_featured: [] });
    const featured = await apiCall("PATCH", path, s.basicAuth, {
      settings: { authentication: { methods_featured: ["webauthn", "password"] } },
    });
    expect(await dataOf<{ settings: { authentication: unknown } }>(featured)).toMatchObject({
      settings: { authentication: { methods_featured: ["webauthn", "password"] } },
    });
    for (const bad of [["password", "password"], ["sms"]]) {
      const response = await apiCall("PATCH", path, s.basicAuth, {
        settings: { authentication: { methods_featured: bad } },
      });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({
        error_description: expect.stringContaining("settings.authentication.methods_featured"),
      });
    }
  });

  it("backfills the defaults for issuers made before migration 0004", async () => {
    const s = await seedIssuer(bindings.DB);
    const id = newId("issuer");
    await s.db.insert(issuers).values({
      id,
      accountId: s.accountId,
      name: "old",
      settings: { access: {} } as never,
      createdAt: 1,
    });
    const migration = bindings.TEST_MIGRATIONS.find((m) => m.name.startsWith("0004_"));
    const backfill = (migration?.queries ?? []).filter((q) =>
      q.includes("INSERT INTO `auth_methods`"),
    );
    expect(backfill).toHaveLength(4);
    for (const query of backfill) {
      await bindings.DB.prepare(query.replace("FROM `issuers`", "FROM `issuers` WHERE `id` = ?"))
        .bind(id)
        .run();
    }
    const rows = await s.db.select().from(authMethods).where(eq(authMethods.issuerId, id));
    expect(rows.map((r) => r.method)).toEqual(["password", "webauthn", "totp_app", "backup_codes"]);
    const listed = await dataOf<Method[]>(
      await apiCall("GET", `/v1/accounts/${s.accountId}/issuers/${id}/auth-methods`, s.basicAuth),
    );
    expect(listed.map((m) => m.method)).toEqual([
      "password",
      "webauthn",
      "totp_app",
      "backup_codes",
    ]);
  });
});
