import { env } from "cloudflare:workers";
import { open } from "@authpi/domain/crypto";
import { authMethods } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { TEST_SECRETS } from "@authpi/testkit/test-secrets";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

const ALGORITHMS = {
  ES256: { name: "ECDSA", namedCurve: "P-256" },
  ES384: { name: "ECDSA", namedCurve: "P-384" },
  RS256: {
    name: "RSASSA-PKCS1-v1_5",
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: "SHA-256",
  },
};

/** A fresh private key as a PKCS#8 PEM (what Apple's .p8 download holds, for ES256). */
async function pemOf(alg: keyof typeof ALGORITHMS) {
  const pair = (await crypto.subtle.generateKey(ALGORITHMS[alg], true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const der = new Uint8Array(
    (await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer,
  );
  const base64 = btoa(String.fromCharCode(...der));
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join("\n")}\n-----END PRIVATE KEY-----\n`;
}

/** The PEM's base64 body lines: none may show up anywhere. */
function keyLines(pem: string) {
  return pem.split("\n").filter((line) => line.length > 20 && !line.startsWith("-----"));
}

describe("issuer auth methods: Apple's private key", () => {
  it("seals the .p8 key, shows only apple_private_key_set, and never returns it", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/auth-methods`;
    const pem = await pemOf("ES256");
    const created = await apiCall("POST", base, s.basicAuth, {
      name: "Apple",
      method: "oauth2",
      enabled: false,
      settings: {
        provider: "apple",
        client_id: "com.example.web",
        apple_team_id: "TEAM123456",
        apple_key_id: "KEY1234567",
        apple_private_key: pem,
      },
    });
    expect(created.status).toBe(201);
    const createdText = await created.text();
    const { data } = JSON.parse(createdText) as {
      data: { id: string; apple_private_key_set: boolean; settings: Record<string, unknown> };
    };
    expect(data.apple_private_key_set).toBe(true);
    expect(data.settings).toMatchObject({
      apple_team_id: "TEAM123456",
      apple_key_id: "KEY1234567",
    });
    const texts = [
      createdText,
      await (await apiCall("GET", base, s.basicAuth)).text(),
      await (await apiCall("GET", `${base}/${data.id}`, s.basicAuth)).text(),
      await (
        await apiCall("PATCH", `${base}/${data.id}`, s.basicAuth, {
          settings: { display_name: "Apple ID" },
        })
      ).text(),
    ];
    for (const text of texts) {
      for (const line of keyLines(pem)) expect(text).not.toContain(line);
      expect(text).not.toContain("PRIVATE KEY");
      expect(text).not.toContain("apple_private_key_sealed");
      expect(text).not.toContain('apple_private_key"');
    }
    const [row] = await s.db.select().from(authMethods).where(eq(authMethods.id, data.id));
    for (const line of keyLines(pem)) expect(JSON.stringify(row)).not.toContain(line);
    const sealed = row?.settings.apple_private_key_sealed as string;
    expect(
      await open(TEST_SECRETS.KEY_ENCRYPTION_SECRET, "auth-method-apple-private-key", sealed),
    ).toBe(pem);
    const kept = await dataOf<{ apple_private_key_set: boolean }>(
      await apiCall("GET", `${base}/${data.id}`, s.basicAuth),
    );
    expect(kept.apple_private_key_set).toBe(true);

    const cleared = await apiCall("PATCH", `${base}/${data.id}`, s.basicAuth, {
      settings: { apple_private_key: null, apple_team_id: null, apple_key_id: null },
    });
    expect((await dataOf<{ apple_private_key_set: boolean }>(cleared)).apple_private_key_set).toBe(
      false,
    );
  });

  it("refuses a key that is not EC P-256 PKCS#8, bad ids, a half-set triple and a forged sealed key", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/auth-methods`;
    const good = await pemOf("ES256");
    const apple = (settings: Record<string, unknown>) => ({
      name: "Apple",
      method: "oauth2",
      enabled: false,
      settings: {
        provider: "apple",
        client_id: "com.example.web",
        apple_team_id: "TEAM123456",
        apple_key_id: "KEY1234567",
        apple_private_key: good,
        ...settings,
      },
    });
    const cases: [unknown, string][] = [
      [apple({ apple_private_key: await pemOf("ES384") }), "settings.apple_private_key"],
      [apple({ apple_private_key: await pemOf("RS256") }), "settings.apple_private_key"],
      [
        apple({
          apple_private_key: "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----",
        }),
        "settings.apple_private_key",
      ],
      [apple({ apple_team_id: "team123456" }), "settings.apple_team_id"],
      [apple({ apple_key_id: "KEY12345" }), "settings.apple_key_id"],
      [apple({ apple_key_id: undefined }), "settings.apple_key_id"],
      [apple({ apple_private_key: undefined }), "settings.apple_private_key"],
      [apple({ apple_team_id: undefined, apple_key_id: undefined }), "settings.apple_team_id"],
      [apple({ apple_private_key_sealed: "v1.forged.value" }), "settings"],
      [
        { ...apple({}), settings: { ...apple({}).settings, provider: "google" } },
        "settings.apple_team_id",
      ],
    ];
    for (const [body, field] of cases) {
      const response = await apiCall("POST", base, s.basicAuth, body);
      expect(response.status, field).toBe(422);
      expect(await response.text(), field).toContain(field);
    }
    const created = await dataOf<{ id: string }>(
      await apiCall("POST", base, s.basicAuth, apple({})),
    );
    // Dropping the key alone leaves the team and key ids half a triple.
    const half = await apiCall("PATCH", `${base}/${created.id}`, s.basicAuth, {
      settings: { apple_private_key: null },
    });
    expect(half.status).toBe(422);
    expect(await half.text()).toContain("settings.apple_private_key");
  });
});
