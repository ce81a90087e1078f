import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { verifyOwnJwt } from "./jwt.ts";

const ISS = "https://idp.example/iss_verified";
const NOW = Date.UTC(2026, 11, 3, 12);

/** A ring of one ES256 key whose verification key can be counted and whose kid can be retired. */
async function ringOfOne() {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const kid = crypto.randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "ES256" };
  const published = new Map([[kid, jwk]]);
  const verificationKey = vi.fn((k: string) =>
    published.has(k) ? Promise.resolve(publicKey) : undefined,
  );
  const ring: KeyRing = {
    generation: "test",
    jwks: { keys: [jwk] },
    signingKey: async () => ({ kid, key: privateKey }),
    publicKey: (k) => published.get(k),
    verificationKey,
  };
  const sign = (claims: Record<string, unknown>, exp = NOW / 1000 + 300) =>
    new SignJWT({ jti: crypto.randomUUID(), ...claims })
      .setProtectedHeader({ alg: "ES256", kid, typ: "at+jwt" })
      .setIssuer(ISS)
      .setExpirationTime(exp)
      .sign(privateKey);
  return { ring, sign, verificationKey, retire: () => published.delete(kid) };
}

describe("verified signatures kept per isolate", () => {
  it("verifies a token once, then answers from memory with a copy of its claims", async () => {
    const { ring, sign, verificationKey } = await ringOfOne();
    const token = await sign({ sub: "usr_1" });
    const first = await verifyOwnJwt(ring, token, { issuer: ISS, now: NOW });
    expect(first?.payload.sub).toBe("usr_1");
    (first?.payload as Record<string, unknown>).sub = "usr_mutated";
    const second = await verifyOwnJwt(ring, token, { issuer: ISS, now: NOW + 1000 });
    expect(second).toMatchObject({ typ: "at+jwt", payload: { sub: "usr_1" } });
    expect(verificationKey).toHaveBeenCalledTimes(1);
  });

  it("still refuses, from memory, a token past exp, another issuer, another typ or a retired key", async () => {
    const { ring, sign, retire } = await ringOfOne();
    const token = await sign({ sub: "usr_2" }, NOW / 1000 + 60);
    expect(await verifyOwnJwt(ring, token, { issuer: ISS, now: NOW })).not.toBeNull();
    expect(await verifyOwnJwt(ring, token, { issuer: `${ISS}x`, now: NOW })).toBeNull();
    expect(
      await verifyOwnJwt(ring, token, { issuer: ISS, now: NOW, typ: "logout+jwt" }),
    ).toBeNull();
    expect(await verifyOwnJwt(ring, token, { issuer: ISS, now: NOW + 60_000 })).toBeNull();
    expect(
      await verifyOwnJwt(ring, token, { issuer: ISS, now: NOW + 60_000, allowExpired: true }),
    ).not.toBeNull();
    const other = await sign({ sub: "usr_3" });
    expect(await verifyOwnJwt(ring, other, { issuer: ISS, now: NOW })).not.toBeNull();
    retire();
    expect(await verifyOwnJwt(ring, other, { issuer: ISS, now: NOW })).toBeNull();
  });

  it("never keeps a failed verification: a forged signature is checked, and refused, each time", async () => {
    const { ring, sign, verificationKey } = await ringOfOne();
    const token = await sign({ sub: "usr_4" });
    const [header, payload] = token.split(".");
    const forgedPayload = btoa(
      JSON.stringify({ ...JSON.parse(atob(payload ?? "")), sub: "usr_admin" }),
    )
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    const forged = `${header}.${forgedPayload}.${token.split(".")[2]}`;
    expect(await verifyOwnJwt(ring, forged, { issuer: ISS, now: NOW })).toBeNull();
    expect(await verifyOwnJwt(ring, forged, { issuer: ISS, now: NOW })).toBeNull();
    expect(verificationKey).toHaveBeenCalledTimes(2);
    // The genuine token is unaffected.
    expect((await verifyOwnJwt(ring, token, { issuer: ISS, now: NOW }))?.payload.sub).toBe("usr_4");
  });
});
