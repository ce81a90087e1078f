import { decodeProtectedHeader, exportJWK, generateKeyPair, type JWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { signJwt } from "./jwt.ts";

async function ringOfOne(): Promise<{ ring: KeyRing; publicKey: CryptoKey; kid: string }> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const kid = crypto.randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "ES256" };
  const ring: KeyRing = {
    generation: "test",
    jwks: { keys: [jwk] },
    signingKey: async () => ({ kid, key: privateKey }),
    publicKey: (k) => (k === kid ? jwk : undefined),
    verificationKey: async () => publicKey,
  };
  return { ring, publicKey, kid };
}

describe("signJwt", () => {
  it("signs the claims as they are, with the key's kid and the typ asked for", async () => {
    const { ring, publicKey, kid } = await ringOfOne();
    const claims = {
      iss: "https://idp.example/iss_1",
      sub: "usr_1",
      iat: 1_800_000_000,
      exp: 1_800_000_300,
      aud: ["a", "b"],
    };
    const token = await signJwt(ring, "ES256", claims, "at+jwt");
    expect(decodeProtectedHeader(token)).toEqual({ alg: "ES256", kid, typ: "at+jwt" });
    const { payload } = await jwtVerify(token, publicKey, {
      currentDate: new Date(1_800_000_100_000),
      typ: "at+jwt",
    });
    expect(payload).toEqual(claims);
  });

  it("leaves typ out when none is asked for (an ID token)", async () => {
    const { ring, kid } = await ringOfOne();
    const token = await signJwt(ring, "ES256", { sub: "usr_1" });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "ES256", kid });
  });

  it("refuses a date that JSON would write as null", async () => {
    const { ring } = await ringOfOne();
    for (const claim of ["iat", "nbf", "exp"]) {
      await expect(signJwt(ring, "ES256", { sub: "usr_1", [claim]: Number.NaN })).rejects.toThrow(
        claim,
      );
    }
  });
});
