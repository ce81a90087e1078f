import { env } from "cloudflare:workers";
import { CreateClientInput, createClient } from "@authpi/domain/clients";
import { seedIssuer } from "@authpi/testkit/factories";
import { beforeAll, describe, expect, it } from "vitest";
import { ROUND_TRIP_COUNTS } from "./round-trip-counts.ts";
import { CountingWorker, type RequestCounts } from "./support/counting-env.ts";
import { dpopKey, dpopProof } from "./support/dpop-proof.ts";
import { issuerUrl, type Seeded } from "./support/login-flow.ts";
import { obtainCode } from "./support/raw-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
const SCOPE = "openid profile email offline_access";

type Basic = { id: string; secret: string | null };

function form(body: Record<string, string>, basic: Basic, dpop?: string): RequestInit {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (dpop) headers.dpop = dpop;
  if (basic.secret) headers.authorization = `Basic ${btoa(`${basic.id}:${basic.secret}`)}`;
  return { method: "POST", headers, body: new URLSearchParams(body) };
}

/**
 * Each scenario sends its request twice through one counting worker and holds the second
 * (warm: issuer, client and key ring already in the isolate caches, as under load).
 */
describe("storage round trips and signatures per warm request (issue 16)", () => {
  let seeded: Seeded;
  let m2m: Basic;
  let web: Basic;
  let worker: CountingWorker;

  async function ok(
    path: string,
    init?: RequestInit,
  ): Promise<{ body: Record<string, unknown>; counts: RequestCounts }> {
    const { response, counts } = await worker.fetch(path, init);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    return { body: JSON.parse(text) as Record<string, unknown>, counts };
  }

  /** Exchanges a code minted beforehand (the bench mints its codes ahead too). */
  function exchange(
    got: Awaited<ReturnType<typeof obtainCode>>,
    dpop?: string,
  ): Promise<{ body: Record<string, unknown>; counts: RequestCounts }> {
    return ok(
      `/${seeded.issuer.id}/token`,
      form(
        {
          grant_type: "authorization_code",
          code: got.code,
          redirect_uri: got.redirectUri,
          code_verifier: got.verifier,
        },
        web,
        dpop,
      ),
    );
  }

  async function codeTokens(): Promise<{ body: Record<string, unknown>; counts: RequestCounts }> {
    return exchange(await obtainCode(seeded, { scope: SCOPE }));
  }

  beforeAll(async () => {
    seeded = await seedIssuer(DB);
    const created = await createClient(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      CreateClientInput.parse({ name: "m2m", type: "m2m", settings: { scopes: ["tickets:read"] } }),
    );
    m2m = { id: created.client.id, secret: created.secret };
    web = { id: seeded.web.client.id, secret: seeded.web.secret };
    worker = new CountingWorker();
  });

  it("client_credentials (POST /token)", async () => {
    // 1 signature (the access token); no DO, no D1: issuer, client and keys come from the isolate caches.
    const request = () =>
      ok(`/${seeded.issuer.id}/token`, form({ grant_type: "client_credentials" }, m2m));
    await request();
    const { counts } = await request();
    expect(counts).toEqual(ROUND_TRIP_COUNTS.client_credentials);
  });

  it("authorization-code exchange (POST /token)", async () => {
    // 1 DO call (consume the code, open the rp session, file the refresh handle's hash, read the
    // claims snapshot, atomically), no D1, 2 signatures (access and ID token).
    // Both codes first, so the warm-up and the measured exchange run back to back.
    const warmup = await obtainCode(seeded, { scope: SCOPE });
    const held = await obtainCode(seeded, { scope: SCOPE });
    await exchange(warmup);
    const { counts } = await exchange(held);
    expect(counts).toEqual(ROUND_TRIP_COUNTS.authorization_code);
  });

  it("refresh with rotation (POST /token)", async () => {
    // No verification (the handle is looked up by its hash), 1 DO call (rotate the family, read
    // its grant and the claims snapshot), no D1, 2 signatures (the new access and ID tokens).
    const { body } = await codeTokens();
    const refresh = (token: string) =>
      ok(
        `/${seeded.issuer.id}/token`,
        form({ grant_type: "refresh_token", refresh_token: token }, web),
      );
    const first = await refresh(body.refresh_token as string);
    const { counts } = await refresh(first.body.refresh_token as string);
    expect(counts).toEqual(ROUND_TRIP_COUNTS.refresh_token);
  });

  it("userinfo (GET /userinfo, Bearer)", async () => {
    // 1 DO call (session live and the claims snapshot, kept current by every write to the user
    // or their memberships), no D1; the token's signature is verified on its first use only.
    const { body } = await codeTokens();
    const request = () =>
      ok(`/${seeded.issuer.id}/userinfo`, {
        headers: { authorization: `Bearer ${body.access_token as string}` },
      });
    expect((await request()).counts.verifications).toBe(1);
    const { counts } = await request();
    expect(counts).toEqual(ROUND_TRIP_COUNTS.userinfo);
  });

  it("introspection (POST /introspect)", async () => {
    // 1 DO call (session tree live, token not revoked), the signature verified on first use
    // only; the client secret's SHA-256 against the cached client is no D1 read.
    const { body } = await codeTokens();
    const request = () =>
      ok(`/${seeded.issuer.id}/introspect`, form({ token: body.access_token as string }, web));
    expect((await request()).counts.verifications).toBe(1);
    const { body: answer, counts } = await request();
    expect(answer.active).toBe(true);
    expect(counts).toEqual(ROUND_TRIP_COUNTS.introspection);
  });

  it("JWKS (GET /jwks.json)", async () => {
    // Nothing: the serialised JWKS is cached per isolate for 60 s.
    const request = () => ok(`/${seeded.issuer.id}/jwks.json`);
    await request();
    const { counts } = await request();
    expect(counts).toEqual(ROUND_TRIP_COUNTS.jwks);
  });

  it("discovery (GET /.well-known/openid-configuration)", async () => {
    // Nothing: the metadata is built from the cached issuer.
    const request = () => ok(`/${seeded.issuer.id}/.well-known/openid-configuration`);
    await request();
    const { counts } = await request();
    expect(counts).toEqual(ROUND_TRIP_COUNTS.discovery);
  });

  describe("with DPoP (RFC 9449): the replay check joins the path's DO call", () => {
    const key = dpopKey();
    const proof = async (path: string, htm = "POST", accessToken?: string) =>
      dpopProof(await key, {
        htm,
        htu: `${issuerUrl(seeded)}${path}`,
        ...(accessToken ? { accessToken } : {}),
      });

    it("client_credentials adds one DO call (the jti, in its hash's shard)", async () => {
      const request = async () =>
        ok(
          `/${seeded.issuer.id}/token`,
          form({ grant_type: "client_credentials" }, m2m, await proof("/token")),
        );
      await request();
      const { body, counts } = await request();
      expect(body.token_type).toBe("DPoP");
      expect(counts).toEqual(ROUND_TRIP_COUNTS.client_credentials_dpop);
    });

    it("the code exchange keeps one DO call", async () => {
      const warmup = await obtainCode(seeded, { scope: SCOPE });
      const held = await obtainCode(seeded, { scope: SCOPE });
      await exchange(warmup, await proof("/token"));
      const { body, counts } = await exchange(held, await proof("/token"));
      expect(body.token_type).toBe("DPoP");
      expect(counts).toEqual(ROUND_TRIP_COUNTS.authorization_code_dpop);
    });

    it("a refresh keeps one DO call", async () => {
      const { body } = await codeTokens();
      const refresh = async (token: string) =>
        ok(
          `/${seeded.issuer.id}/token`,
          form({ grant_type: "refresh_token", refresh_token: token }, web, await proof("/token")),
        );
      const first = await refresh(body.refresh_token as string);
      const { counts } = await refresh(first.body.refresh_token as string);
      expect(counts).toEqual(ROUND_TRIP_COUNTS.refresh_token_dpop);
    });

    it("userinfo keeps one DO call", async () => {
      const got = await obtainCode(seeded, { scope: SCOPE });
      const { body } = await exchange(got, await proof("/token"));
      const at = body.access_token as string;
      const request = async () =>
        ok(`/${seeded.issuer.id}/userinfo`, {
          headers: { authorization: `DPoP ${at}`, dpop: await proof("/userinfo", "GET", at) },
        });
      await request();
      const { counts } = await request();
      expect(counts).toEqual(ROUND_TRIP_COUNTS.userinfo_dpop);
    });
  });
});
