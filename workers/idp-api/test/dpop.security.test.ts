import { env } from "cloudflare:workers";
import { addVerifier, CreateAgentInput, createAgent } from "@authpi/domain/agents";
import { seedIssuer } from "@authpi/testkit/factories";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import {
  m2mClient,
  redeem,
  requireDpopNonce,
  spaTokens,
  tokenPost,
  tokenProof,
  userinfo,
  userinfoProof,
} from "./support/dpop-flow.ts";
import { dpopKey } from "./support/dpop-proof.ts";
import { issuerUrl, type Seeded } from "./support/login-flow.ts";

const bindings = env as unknown as Env;
const CC = { grant_type: "client_credentials" };

async function refused(response: Response, status: number, error: string, why?: RegExp) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(JSON.parse(text)).toMatchObject({
    error,
    ...(why ? { error_description: expect.stringMatching(why) } : {}),
  });
}

async function m2mSetup() {
  const seeded = await seedIssuer(bindings.DB);
  return { seeded, m2m: await m2mClient(seeded), key: await dpopKey() };
}

function refreshAsSpa(seeded: Seeded, token: string, proof: string | null) {
  return tokenPost(
    seeded,
    { grant_type: "refresh_token", refresh_token: token },
    { id: seeded.spa.client.id, secret: null },
    proof,
  );
}

describe("DPoP proofs at the token endpoint (RFC 9449 §4.3)", () => {
  it("refuses a replayed proof (same jti)", async () => {
    const { seeded, m2m, key } = await m2mSetup();
    const proof = await tokenProof(seeded, key);
    expect((await tokenPost(seeded, { ...CC }, m2m, proof)).status).toBe(200);
    await refused(await tokenPost(seeded, { ...CC }, m2m, proof), 400, "invalid_dpop_proof");
  });

  it("refuses a replayed proof at a refresh, before the handle is spent", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const key = await dpopKey();
    const first = await spaTokens(seeded, key);
    expect(first.response.status).toBe(200);
    const proof = await tokenProof(seeded, key);
    const body = (await first.response.json()) as { refresh_token: string };
    expect((await refreshAsSpa(seeded, body.refresh_token, proof)).status).toBe(200);
    const rotated = await refreshAsSpa(seeded, body.refresh_token, proof);
    await refused(rotated, 400, "invalid_dpop_proof");
  });

  it("refuses a replayed proof at the code exchange, and the code stays redeemable", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const key = await dpopKey();
    const proof = await tokenProof(seeded, key);
    const first = await spaTokens(seeded, key, [], proof);
    expect(first.response.status).toBe(200);
    const second = await spaTokens(seeded, key, [], proof);
    await refused(second.response, 400, "invalid_dpop_proof");
    const again = await redeem(seeded, second.got, await tokenProof(seeded, key));
    expect(again.status).toBe(200);
  });

  it("refuses a proof for another URL or method", async () => {
    const { seeded, m2m, key } = await m2mSetup();
    const wrongHtu = await tokenProof(seeded, key, { htu: `${issuerUrl(seeded)}/userinfo` });
    await refused(await tokenPost(seeded, { ...CC }, m2m, wrongHtu), 400, "invalid_dpop_proof");
    const wrongHtm = await tokenProof(seeded, key, { htm: "GET" });
    await refused(await tokenPost(seeded, { ...CC }, m2m, wrongHtm), 400, "invalid_dpop_proof");
    // RFC 9449 §4.3: query and fragment are ignored when comparing htu.
    const withQuery = await tokenProof(seeded, key, { htu: `${issuerUrl(seeded)}/token?x=1#f` });
    expect((await tokenPost(seeded, { ...CC }, m2m, withQuery)).status).toBe(200);
  });

  it("refuses a stale or future iat", async () => {
    const { seeded, m2m, key } = await m2mSetup();
    const now = Math.floor(Date.now() / 1000);
    for (const iat of [now - 120, now + 120]) {
      const proof = await tokenProof(seeded, key, { iat });
      await refused(await tokenPost(seeded, { ...CC }, m2m, proof), 400, "invalid_dpop_proof");
    }
  });

  it("refuses a proof whose header carries a private key", async () => {
    const { seeded, m2m } = await m2mSetup();
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const key = await dpopKey();
    const proof = await tokenProof(seeded, { ...key, privateKey }, { header: { jwk: privateJwk } });
    const response = await tokenPost(seeded, { ...CC }, m2m, proof);
    await refused(response, 400, "invalid_dpop_proof", /must be a public key/);
  });

  it("refuses HS256 (a symmetric alg)", async () => {
    const { seeded, m2m, key } = await m2mSetup();
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const proof = await new SignJWT({
      htm: "POST",
      htu: `${issuerUrl(seeded)}/token`,
      jti: crypto.randomUUID(),
    })
      .setProtectedHeader({ typ: "dpop+jwt", alg: "HS256", jwk: key.publicJwk })
      .setIssuedAt()
      .sign(secret);
    const response = await tokenPost(seeded, { ...CC }, m2m, proof);
    await refused(response, 400, "invalid_dpop_proof", /alg must be one of/);
  });

  it("refuses a wrong typ and two DPoP headers", async () => {
    const { seeded, m2m, key } = await m2mSetup();
    const untyped = await tokenProof(seeded, key, { header: { typ: "JWT" } });
    await refused(await tokenPost(seeded, { ...CC }, m2m, untyped), 400, "invalid_dpop_proof");
    const two = [await tokenProof(seeded, key), await tokenProof(seeded, key)];
    await refused(await tokenPost(seeded, { ...CC }, m2m, two), 400, "invalid_dpop_proof");
  });

  it("a client registered with dpop_bound_access_tokens must send a proof (RFC 9449 §5.2)", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const bound = await m2mClient(seeded, { dpop_bound_access_tokens: true });
    await refused(await tokenPost(seeded, { ...CC }, bound, null), 400, "invalid_dpop_proof");
    const proof = await tokenProof(seeded, await dpopKey());
    expect((await tokenPost(seeded, { ...CC }, bound, proof)).status).toBe(200);
  });

  it("an agent's grant refuses a proof rather than issue a Bearer token it seems to bind", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const agent = await createAgent(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      CreateAgentInput.parse({ name: "bot", model: "m", provider: "p", scopes: ["tickets:read"] }),
    );
    const { secret } = await addVerifier(seeded.db, seeded.ctx, seeded.issuer.id, agent.id, {
      type: "secret",
    });
    const basic = { id: agent.id, secret: secret as string };
    const proof = await tokenProof(seeded, await dpopKey());
    const response = await tokenPost(seeded, { ...CC }, basic, proof);
    await refused(response, 400, "invalid_dpop_proof", /agent grants/);
    expect((await tokenPost(seeded, { ...CC }, basic, null)).status).toBe(200);
  });
});

describe("DPoP-bound tokens (RFC 9449 §§5, 7, 10)", () => {
  it("a public client's refresh token needs a proof of the same key", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const key = await dpopKey();
    const { response } = await spaTokens(seeded, key);
    const body = (await response.json()) as { refresh_token: string };
    const other = await tokenProof(seeded, await dpopKey());
    await refused(await refreshAsSpa(seeded, body.refresh_token, other), 400, "invalid_grant");
    await refused(await refreshAsSpa(seeded, body.refresh_token, null), 400, "invalid_grant");
    // Nothing was spent by the refusals: the right key still rotates the handle.
    const same = await refreshAsSpa(seeded, body.refresh_token, await tokenProof(seeded, key));
    expect(same.status).toBe(200);
  });

  it("a code asked for with dpop_jkt is redeemed only with that key", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const key = await dpopKey();
    const other = await dpopKey();
    const { response } = await spaTokens(seeded, other, [["dpop_jkt", key.jkt]]);
    await refused(response, 400, "invalid_grant");
    const { response: right } = await spaTokens(seeded, key, [["dpop_jkt", key.jkt]]);
    expect(right.status).toBe(200);
  });

  it("userinfo refuses a wrong ath and a bound token presented as Bearer", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const key = await dpopKey();
    const { response } = await spaTokens(seeded, key);
    const { access_token: at } = (await response.json()) as { access_token: string };
    const wrongAth = await userinfoProof(seeded, key, at, { accessToken: `${at}x` });
    const badAth = await userinfo(seeded, `DPoP ${at}`, wrongAth);
    expect(badAth.status).toBe(401);
    expect(badAth.headers.get("www-authenticate")).toMatch(/^DPoP error="invalid_dpop_proof"/);

    const asBearer = await userinfo(seeded, `Bearer ${at}`);
    expect(asBearer.status).toBe(401);
    const challenge = asBearer.headers.get("www-authenticate") ?? "";
    expect(challenge).toMatch(/^DPoP error="invalid_token"/);
    expect(challenge).toContain('algs="ES256 EdDSA RS256 PS256"');

    const proof = await userinfoProof(seeded, key, at);
    expect((await userinfo(seeded, `DPoP ${at}`, proof)).status).toBe(200);
    // The same proof again is a replay (RFC 9449 §11.1).
    const replay = await userinfo(seeded, `DPoP ${at}`, proof);
    expect(replay.status).toBe(401);
    expect(replay.headers.get("www-authenticate")).toMatch(/^DPoP error="invalid_dpop_proof"/);
  });

  it("userinfo refuses a proof of another key than the token's", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { response } = await spaTokens(seeded, await dpopKey());
    const { access_token: at } = (await response.json()) as { access_token: string };
    const proof = await userinfoProof(seeded, await dpopKey(), at);
    expect((await userinfo(seeded, `DPoP ${at}`, proof)).status).toBe(401);
  });
});

describe("DPoP server nonces (RFC 9449 §8)", () => {
  it("asks for a nonce when required, and accepts the one it gave", async () => {
    const { seeded, m2m, key } = await m2mSetup();
    await requireDpopNonce(seeded);
    const first = await tokenPost(seeded, { ...CC }, m2m, await tokenProof(seeded, key));
    const nonce = first.headers.get("dpop-nonce");
    await refused(first, 400, "use_dpop_nonce");
    expect(nonce).toBeTruthy();
    const retry = await tokenPost(
      seeded,
      { ...CC },
      m2m,
      await tokenProof(seeded, key, { nonce: nonce as string }),
    );
    expect(retry.status).toBe(200);
  });

  it("refuses a nonce another issuer gave", async () => {
    const { seeded, m2m, key } = await m2mSetup();
    await requireDpopNonce(seeded);
    const other = await m2mSetup();
    await requireDpopNonce(other.seeded);
    const elsewhere = await tokenPost(
      other.seeded,
      { ...CC },
      other.m2m,
      await tokenProof(other.seeded, key),
    );
    const foreign = elsewhere.headers.get("dpop-nonce") as string;
    expect(foreign).toBeTruthy();
    const proof = await tokenProof(seeded, key, { nonce: foreign });
    await refused(await tokenPost(seeded, { ...CC }, m2m, proof), 400, "use_dpop_nonce");
  });

  it("a code exchange and UserInfo without the nonce are asked for it, then succeed", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await requireDpopNonce(seeded);
    const key = await dpopKey();
    const { response, got } = await spaTokens(seeded, key);
    const nonce = response.headers.get("dpop-nonce") as string;
    await refused(response, 400, "use_dpop_nonce");
    const tokens = await redeem(seeded, got, await tokenProof(seeded, key, { nonce }));
    expect(tokens.status).toBe(200);
    const { access_token: at } = (await tokens.json()) as { access_token: string };
    const asked = await userinfo(seeded, `DPoP ${at}`, await userinfoProof(seeded, key, at));
    expect(asked.status).toBe(401);
    expect(asked.headers.get("www-authenticate")).toMatch(/^DPoP error="use_dpop_nonce"/);
    const fresh = asked.headers.get("dpop-nonce") as string;
    expect(fresh).toBeTruthy();
    const ok = await userinfo(
      seeded,
      `DPoP ${at}`,
      await userinfoProof(seeded, key, at, { nonce: fresh }),
    );
    expect(ok.status).toBe(200);
  });
});
