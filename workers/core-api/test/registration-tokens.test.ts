import { env } from "cloudflare:workers";
import { sha256Hex } from "@authpi/domain/crypto";
import { findUsableRegistrationToken } from "@authpi/domain/registration";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;
const tokensPath = (s: Seeded, issuerId = s.issuer.id) =>
  `/v1/accounts/${s.accountId}/issuers/${issuerId}/registration-tokens`;

describe("initial access tokens (RFC 7591 §3) through the Core API", () => {
  it("mints a token shown once, lists and gets it without the token, and deletes it", async () => {
    const s = await seedIssuer(DB);
    const created = await apiCall("POST", tokensPath(s), s.basicAuth, {
      description: "MCP partners",
      expires_in: 3600,
      max_uses: 5,
    });
    expect(created.status).toBe(201);
    const token = await dataOf<{ id: string; token: string; expires_at: number }>(created);
    expect(token).toMatchObject({ object: "registration_token", max_uses: 5, uses: 0 });
    expect(token.id).toMatch(/^rgt_/);
    expect(token.token).toMatch(/^iat_/);
    expect(token.expires_at).toBeGreaterThan(Date.now());

    const stored = await DB.prepare("SELECT token_hash FROM registration_tokens WHERE id = ?")
      .bind(token.id)
      .first<{ token_hash: string }>();
    expect(stored?.token_hash).toBe(await sha256Hex(token.token));

    const listed = (await (await apiCall("GET", tokensPath(s), s.basicAuth)).json()) as {
      data: Record<string, unknown>[];
    };
    expect(listed.data.map((t) => t.id)).toEqual([token.id]);
    expect(JSON.stringify(listed)).not.toContain(token.token);
    const one = await dataOf(await apiCall("GET", `${tokensPath(s)}/${token.id}`, s.basicAuth));
    expect(one).toMatchObject({ id: token.id, description: "MCP partners" });
    expect(one).not.toHaveProperty("token");

    expect((await apiCall("DELETE", `${tokensPath(s)}/${token.id}`, s.basicAuth)).status).toBe(204);
    expect(await findUsableRegistrationToken(s.db, s.issuer.id, token.token, Date.now())).toBe(
      null,
    );
    expect((await apiCall("GET", `${tokensPath(s)}/${token.id}`, s.basicAuth)).status).toBe(404);
  });

  it("refuses unknown fields and out-of-range limits, naming them", async () => {
    const s = await seedIssuer(DB);
    for (const body of [{ scope: "admin" }, { max_uses: 0 }, { expires_in: 10 }]) {
      const response = await apiCall("POST", tokensPath(s), s.basicAuth, body);
      expect(response.status).toBe(422);
      expect(JSON.stringify(await response.json())).toContain(Object.keys(body)[0]);
    }
  });

  it("another account's issuer is a 404, for minting and for its tokens", async () => {
    const mine = await seedIssuer(DB);
    const theirs = await seedIssuer(DB);
    const minted = await dataOf<{ id: string }>(
      await apiCall("POST", tokensPath(theirs), theirs.basicAuth, {}),
    );
    expect(
      (await apiCall("POST", tokensPath(mine, theirs.issuer.id), mine.basicAuth, {})).status,
    ).toBe(404);
    const theirToken = `${tokensPath(mine, theirs.issuer.id)}/${minted.id}`;
    expect((await apiCall("GET", theirToken, mine.basicAuth)).status).toBe(404);
    expect((await apiCall("DELETE", theirToken, mine.basicAuth)).status).toBe(404);
    // The id alone under my own issuer finds nothing either.
    const underMine = `${tokensPath(mine)}/${minted.id}`;
    expect((await apiCall("DELETE", underMine, mine.basicAuth)).status).toBe(404);
  });

  it("a read-only key may list but not mint", async () => {
    const s = await seedIssuer(DB);
    const key = await dataOf<{ id: string; secret_plain: string }>(
      await apiCall("POST", `/v1/accounts/${s.accountId}/api-keys`, s.basicAuth, {
        name: "reader",
        restrictions: { scopes: ["issuers.registration_tokens:read"] },
      }),
    );
    const auth = `Basic ${btoa(`${key.id}:${key.secret_plain}`)}`;
    expect((await apiCall("GET", tokensPath(s), auth)).status).toBe(200);
    expect((await apiCall("POST", tokensPath(s), auth, {})).status).toBe(403);
  });

  it("turns registration on through the issuer settings, and refuses unknown keys there", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    const on = await apiCall("PATCH", path, s.basicAuth, {
      settings: { access: { registration: { mode: "initial_access_token" } } },
    });
    expect(on.status, await on.clone().text()).toBe(200);
    const issuer = await dataOf<{ settings: { access: Record<string, unknown> } }>(on);
    expect(issuer.settings.access.registration).toEqual({ mode: "initial_access_token" });
    const bad = await apiCall("PATCH", path, s.basicAuth, {
      settings: { access: { registration: { mode: "open", anyone: true } } },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("anyone");
  });
});
