import { env } from "cloudflare:workers";
import { getClient } from "@authpi/domain/clients";
import { sha256Hex } from "@authpi/domain/crypto";
import { isDomainError } from "@authpi/domain/errors";
import {
  findUsableRegistrationToken,
  REGISTRATION_LIMITS,
  takeRegistrationTokenUse,
} from "@authpi/domain/registration";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  enableRegistration,
  initialAccessToken,
  MCP_METADATA,
  register,
} from "./support/registration.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
const WEB_METADATA = { client_name: "Web", redirect_uris: ["https://rp.example.com/cb"] };
const STATEMENT_ISS = "https://software.example.com";

async function errorOf(response: Response): Promise<Record<string, unknown>> {
  return { status: response.status, ...((await response.json()) as Record<string, string>) };
}

/** A JWK as the trust setting takes it. */
type StoredJwk = { kty: "EC"; crv: "P-256"; x: string; y: string; kid: string };

/** A signer and the JWKS holding its public key. */
async function signer() {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" };
  const sign = (claims: Record<string, unknown>, iss = STATEMENT_ISS) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setIssuer(iss)
      .setIssuedAt()
      .sign(privateKey);
  return { jwks: { keys: [jwk as unknown as StoredJwk] }, sign };
}

describe("dynamic client registration: abuse", () => {
  it("is off by default: 404 and no registration_endpoint in discovery", async () => {
    const seeded = await seedIssuer(DB);
    expect((await register(seeded, MCP_METADATA)).status).toBe(404);
    // Nothing about the request is read first: not its body, not its Authorization header.
    const odd = await workerFetch(`/${seeded.issuer.id}/register`, {
      method: "POST",
      headers: { "content-type": "text/plain", authorization: "Bearer !!" },
      body: "hello",
    });
    expect(odd.status).toBe(404);
    const discovery = await workerFetch(`/${seeded.issuer.id}/.well-known/openid-configuration`);
    expect(await discovery.json()).not.toHaveProperty("registration_endpoint");
    const clients = await DB.prepare("SELECT count(*) AS n FROM clients WHERE issuer_id = ?")
      .bind(seeded.issuer.id)
      .first<{ n: number }>();
    expect(clients?.n).toBe(2);
  });

  it("needs a live initial access token of this issuer: missing, wrong, foreign, expired are 401", async () => {
    const seeded = await seedIssuer(DB);
    const other = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "initial_access_token" });
    const now = Date.now();
    const expired = await initialAccessToken(seeded, { expires_in: 60 }, now - 120_000);
    const foreign = await initialAccessToken(other);
    for (const token of [null, "iat_wrong", foreign, expired]) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      const response = await register(seeded, WEB_METADATA, headers);
      expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect(await errorOf(response)).toMatchObject({ status: 401, error: "invalid_token" });
    }
  });

  it("counts uses: a token for one registration registers once, even when raced", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "initial_access_token" });
    const once = { authorization: `Bearer ${await initialAccessToken(seeded, { max_uses: 1 })}` };
    // A refused request does not spend the use.
    expect((await register(seeded, { redirect_uris: ["javascript:alert(1)"] }, once)).status).toBe(
      400,
    );
    const raced = await Promise.all([1, 2, 3].map(() => register(seeded, WEB_METADATA, once)));
    expect(raced.map((r) => r.status).sort()).toEqual([201, 401, 401]);
    expect((await register(seeded, WEB_METADATA, once)).status).toBe(401);
  });

  it("spends the last use once: two registrations that both found it live cannot both take it", async () => {
    const seeded = await seedIssuer(DB);
    const now = Date.now();
    const plain = await initialAccessToken(seeded, { max_uses: 1 }, now);
    const found = await Promise.all(
      [1, 2].map(() => findUsableRegistrationToken(seeded.db, seeded.issuer.id, plain, now)),
    );
    expect(found[0]).toBeTypeOf("string");
    expect(found[1]).toBe(found[0]);
    const id = found[0] as string;
    const taken = [
      await takeRegistrationTokenUse(seeded.db, seeded.issuer.id, id, now),
      await takeRegistrationTokenUse(seeded.db, seeded.issuer.id, id, now),
    ];
    expect(taken).toEqual([true, false]);
  });

  it("refuses javascript:, non-loopback http and fragments as invalid_redirect_uri", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    for (const uri of [
      "javascript:alert(1)",
      "http://evil.example.com/callback",
      "https://rp.example.com/cb#frag",
    ]) {
      const response = await register(seeded, { ...MCP_METADATA, redirect_uris: [uri] });
      expect(await errorOf(response)).toMatchObject({
        status: 400,
        error: "invalid_redirect_uri",
      });
    }
    const logo = await register(seeded, { ...MCP_METADATA, logo_uri: "javascript:alert(1)" });
    expect(await errorOf(logo)).toMatchObject({ error: "invalid_client_metadata" });
  });

  it("names unknown metadata and refuses it; RFC 7591 §2 names such as software_id pass", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    const response = await register(seeded, { ...MCP_METADATA, is_admin: true, owner: "me" });
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 400, error: "invalid_client_metadata" });
    expect(error.error_description).toContain("is_admin");
    expect(error.error_description).toContain("owner");
    const grants = await register(seeded, { ...MCP_METADATA, grant_types: ["client_credentials"] });
    expect(await errorOf(grants)).toMatchObject({ error: "invalid_client_metadata" });
    const scope = await register(seeded, { ...MCP_METADATA, scope: "openid admin:everything" });
    expect((await errorOf(scope)).error_description).toContain("admin:everything");
  });

  it("open mode issues public clients only", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    const response = await register(seeded, WEB_METADATA);
    expect(await errorOf(response)).toMatchObject({
      status: 400,
      error: "invalid_client_metadata",
    });
  });

  it("rate limits open registration per source address, and a new source still registers", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    const from = (ip: string) => register(seeded, MCP_METADATA, { "cf-connecting-ip": ip });
    for (let i = 0; i < REGISTRATION_LIMITS.open.perSource; i++) {
      expect((await from("203.0.113.7")).status).toBe(201);
    }
    const refused = await from("203.0.113.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await from("198.51.100.2")).status).toBe(201);
  });

  it("stores a confidential client's secret only as its SHA-256", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "initial_access_token" });
    const auth = { authorization: `Bearer ${await initialAccessToken(seeded)}` };
    const body = (await (await register(seeded, WEB_METADATA, auth)).json()) as Record<
      string,
      string
    >;
    const row = await getClient(seeded.db, seeded.issuer.id, body.client_id as string);
    expect(row.secretHash).toBe(await sha256Hex(body.client_secret as string));
    expect(JSON.stringify(row)).not.toContain(body.client_secret);
    const tokens = await DB.prepare("SELECT * FROM registration_tokens WHERE issuer_id = ?")
      .bind(seeded.issuer.id)
      .all();
    expect(JSON.stringify(tokens.results)).not.toContain(auth.authorization.slice(7));
  });

  it("software statements: trusted ones win over the body; forged and unapproved are refused", async () => {
    const seeded = await seedIssuer(DB);
    const trusted = await signer();
    const forger = await signer();
    await enableRegistration(seeded, {
      mode: "software_statement",
      software_statement: { iss: STATEMENT_ISS, jwks: trusted.jwks },
    });
    const claims = { client_name: "Signed name", redirect_uris: ["https://signed.example.com/cb"] };
    const ok = await register(seeded, {
      ...WEB_METADATA,
      software_statement: await trusted.sign(claims),
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject(claims);

    const forged = await register(seeded, {
      ...WEB_METADATA,
      software_statement: await forger.sign(claims),
    });
    expect(await errorOf(forged)).toMatchObject({
      status: 400,
      error: "invalid_software_statement",
    });
    const unapproved = await register(seeded, {
      ...WEB_METADATA,
      software_statement: await trusted.sign(claims, "https://other.example.com"),
    });
    expect(await errorOf(unapproved)).toMatchObject({
      status: 400,
      error: "unapproved_software_statement",
    });
    const missing = await register(seeded, WEB_METADATA);
    expect(await errorOf(missing)).toMatchObject({ error: "invalid_software_statement" });
    const garbage = await register(seeded, { ...WEB_METADATA, software_statement: "not.a.jwt" });
    expect(await errorOf(garbage)).toMatchObject({ error: "invalid_software_statement" });
  });

  it("a statement sent where no signer is trusted is unapproved", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    const statement = await (await signer()).sign({ client_name: "x" });
    const response = await register(seeded, { ...MCP_METADATA, software_statement: statement });
    expect(await errorOf(response)).toMatchObject({ error: "unapproved_software_statement" });
  });

  it("the setting refuses a statement mode without trust, and private keys as trust", async () => {
    const seeded = await seedIssuer(DB);
    const refused = (registration: Parameters<typeof enableRegistration>[1]) =>
      enableRegistration(seeded, registration).then(
        () => null,
        (error: unknown) => (isDomainError(error) ? error.code : error),
      );
    expect(await refused({ mode: "software_statement" })).toBe("VALIDATION_FAILED");
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const jwks = { keys: [(await exportJWK(privateKey)) as unknown as StoredJwk] };
    expect(
      await refused({ mode: "software_statement", software_statement: { iss: "x", jwks } }),
    ).toBe("VALIDATION_FAILED");
  });

  it("RFC 7592: a wrong token, another client's token or none is 401, and deletes nothing", async () => {
    const seeded = await seedIssuer(DB);
    await enableRegistration(seeded, { mode: "open" });
    const first = (await (await register(seeded, MCP_METADATA)).json()) as Record<string, string>;
    const second = (await (await register(seeded, MCP_METADATA)).json()) as Record<string, string>;
    const path = `/${seeded.issuer.id}/register/${first.client_id}`;
    const none: Record<string, string> = {};
    for (const headers of [
      none,
      { authorization: "Bearer rat_wrong" },
      { authorization: `Bearer ${second.registration_access_token}` },
    ]) {
      for (const method of ["GET", "DELETE"]) {
        const response = await workerFetch(path, { method, headers });
        expect(await errorOf(response)).toMatchObject({ status: 401, error: "invalid_token" });
      }
    }
    expect((await getClient(seeded.db, seeded.issuer.id, first.client_id as string)).id).toBe(
      first.client_id,
    );
    const stored = await DB.prepare(
      "SELECT access_token_hash FROM client_registrations WHERE client_id = ?",
    )
      .bind(first.client_id)
      .first<{ access_token_hash: string }>();
    expect(stored?.access_token_hash).toBe(
      await sha256Hex(first.registration_access_token as string),
    );
  });
});
