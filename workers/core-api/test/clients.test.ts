import { env } from "cloudflare:workers";
import { getClient } from "@authpi/domain/clients";
import { events } from "@authpi/domain/db";
import { authenticateClient } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall as call, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Client = { id: string; name: string; status: string; settings: Record<string, unknown> };

describe("clients", () => {
  it("creates, lists by name and status, updates with If-Match, disables and deletes", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/clients`;
    const created = await call("POST", base, s.basicAuth, {
      name: "Billing_Backend",
      type: "m2m",
      settings: { scopes: ["invoices:read"], access_token_ttl: 900 },
    });
    expect(created.status).toBe(201);
    const client = await dataOf<Client & { secret: string }>(created);
    expect(client.secret).toEqual(expect.any(String));

    const byName = await dataOf<Client[]>(await call("GET", `${base}?name=billing_b`, s.basicAuth));
    expect(byName.map((c) => c.id)).toEqual([client.id]);
    // `_` is literal, not a LIKE wildcard.
    expect(await dataOf<Client[]>(await call("GET", `${base}?name=g_b_`, s.basicAuth))).toEqual([]);

    const got = await call("GET", `${base}/${client.id}`, s.basicAuth);
    expect((await dataOf<Client>(got)).settings).toMatchObject({ access_token_ttl: 900 });
    const etag = got.headers.get("etag") as string;
    const updated = await call(
      "PATCH",
      `${base}/${client.id}`,
      s.basicAuth,
      { name: "billing", status: "disabled" },
      { "if-match": etag },
    );
    expect(await dataOf<Client>(updated)).toMatchObject({ name: "billing", status: "disabled" });
    const stale = await call(
      "PATCH",
      `${base}/${client.id}`,
      s.basicAuth,
      { name: "x" },
      {
        "if-match": etag,
      },
    );
    expect(stale.status).toBe(412);
    const disabled = await dataOf<Client[]>(
      await call("GET", `${base}?status=disabled`, s.basicAuth),
    );
    expect(disabled.map((c) => c.id)).toEqual([client.id]);

    expect((await call("DELETE", `${base}/${client.id}`, s.basicAuth)).status).toBe(204);
    expect((await call("GET", `${base}/${client.id}`, s.basicAuth)).status).toBe(404);
    const types = (await s.db.select().from(events).where(eq(events.subjectId, client.id))).map(
      (e) => e.type,
    );
    expect(types).toEqual(["client.created", "client.updated", "client.deleted"]);
  });

  it("rejects bad settings with the field named, and a redirect URI with a fragment", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/clients`;
    const spa = await call("POST", base, s.basicAuth, {
      name: "spa",
      type: "spa",
      settings: { grant_types: ["client_credentials"] },
    });
    expect(spa.status).toBe(422);
    expect(await spa.json()).toMatchObject({
      error_description: expect.stringContaining("public"),
    });
    // An m2m client has no user to sign in: the device and code grants are refused, named.
    const m2m = await call("POST", base, s.basicAuth, {
      name: "m2m",
      type: "m2m",
      settings: {
        grant_types: ["client_credentials", "urn:ietf:params:oauth:grant-type:device_code"],
      },
    });
    expect(m2m.status).toBe(422);
    expect(await m2m.json()).toMatchObject({
      error_description: expect.stringContaining(
        "m2m client cannot use urn:ietf:params:oauth:grant-type:device_code",
      ),
    });
    const fragment = await call("PATCH", `${base}/${s.web.client.id}`, s.basicAuth, {
      settings: { redirect_uris: ["https://app.example.com/cb#x"] },
    });
    expect(fragment.status).toBe(422);
    const ttl = await call("PATCH", `${base}/${s.web.client.id}`, s.basicAuth, {
      settings: { access_token_ttl: 5 },
    });
    expect(ttl.status).toBe(422);
    expect(await ttl.json()).toMatchObject({
      error_description: expect.stringContaining("access_token_ttl"),
    });
  });

  it("rotates a secret: the new one works, the old one for 15 minutes only", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/clients`;
    const id = s.web.client.id;
    // authpi-admin's path (`clients.rotate_secret`); `rotate-secret` stays as an alias.
    const rotated = await call("POST", `${base}/${id}/secret/rotate`, s.basicAuth);
    expect(rotated.status).toBe(200);
    const { secret } = await dataOf<{ secret: string }>(rotated);
    expect(secret).not.toBe(s.web.secret);

    const lookup = async () => getClient(s.db, s.issuer.id, id);
    const auth = (clientSecret: string, now: number) =>
      authenticateClient(lookup, { clientId: id, secret: clientSecret }, now);
    const now = Date.now();
    await expect(auth(secret, now)).resolves.toMatchObject({ id });
    await expect(auth(s.web.secret as string, now + 14 * 60_000)).resolves.toMatchObject({ id });
    await expect(auth(s.web.secret as string, now + 16 * 60_000)).rejects.toThrow();

    const spaRotate = await call("POST", `${base}/${s.spa.client.id}/secret/rotate`, s.basicAuth);
    expect(spaRotate.status).toBe(409);
    const legacy = await call("POST", `${base}/${id}/rotate-secret`, s.basicAuth);
    const { secret: third } = await dataOf<{ secret: string }>(legacy);
    await expect(auth(third, Date.now())).resolves.toMatchObject({ id });
    await expect(auth(secret, Date.now() + 16 * 60_000)).rejects.toThrow();
  });

  it("registers a native client from AuthPI's body (confidential: false, settings.openid)", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/clients`;
    const created = await call("POST", base, s.basicAuth, {
      confidential: false,
      settings: {
        openid: { application_type: "native", redirect_uris: ["http://127.0.0.1/callback"] },
      },
    });
    expect(created.status).toBe(201);
    const client = await dataOf<Client & { type: string; confidential: boolean; secret: null }>(
      created,
    );
    expect(client).toMatchObject({
      type: "native",
      confidential: false,
      secret: null,
      name: "Native app",
    });
    expect(client.settings).toMatchObject({ redirect_uris: ["http://127.0.0.1/callback"] });
    expect(client.settings).not.toHaveProperty("openid");

    const spa = await dataOf<{ type: string }>(
      await call("POST", base, s.basicAuth, {
        name: "browser",
        confidential: false,
        settings: { openid: { redirect_uris: ["https://app.example.com/cb"] } },
      }),
    );
    expect(spa.type).toBe("spa");
  });

  it("refuses a registration that contradicts itself, naming the field", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/clients`;
    const cases: [unknown, string][] = [
      [{ type: "web", confidential: false }, "confidential"],
      [
        { confidential: true, settings: { openid: { application_type: "native" } } },
        "confidential",
      ],
      [{ type: "spa", settings: { openid: { application_type: "native" } } }, "settings.openid"],
    ];
    for (const [body, field] of cases) {
      const refused = await call("POST", base, s.basicAuth, body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      const error = (await refused.json()) as { fields: { field: string }[] };
      expect(error.fields[0]?.field).toContain(field);
    }
    const patched = await call("PATCH", `${base}/${s.web.client.id}`, s.basicAuth, {
      settings: { openid: { application_type: "native" } },
    });
    expect(patched.status).toBe(422);
  });
});
