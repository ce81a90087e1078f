import { exportPKCS8, generateKeyPair, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { APPLE_AUDIENCE, isApplePrivateKey, mintAppleClientSecret } from "./apple-client-secret.ts";

describe("Apple client secret", () => {
  it("mints an ES256 JWT Apple accepts: kid, iss = team, sub = client, aud = Apple, 5 minutes", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const now = Date.UTC(2026, 11, 3, 12, 0, 0);
    const jwt = await mintAppleClientSecret(
      { teamId: "TEAM123456", keyId: "KEY1234567", privateKey: pem },
      "com.example.web",
      now,
    );
    const { payload, protectedHeader } = await jwtVerify(jwt, publicKey, {
      currentDate: new Date(now + 60_000),
    });
    expect(protectedHeader).toEqual({ alg: "ES256", kid: "KEY1234567" });
    expect(payload).toEqual({
      iss: "TEAM123456",
      sub: "com.example.web",
      aud: APPLE_AUDIENCE,
      iat: now / 1000,
      exp: now / 1000 + 300,
    });
    await expect(
      jwtVerify(jwt, publicKey, { currentDate: new Date(now + 301_000) }),
    ).rejects.toThrow(/exp/);
  });

  it("takes only a PKCS#8 EC P-256 PEM as Apple's key", async () => {
    const p256 = await generateKeyPair("ES256", { extractable: true });
    const p384 = await generateKeyPair("ES384", { extractable: true });
    const rsa = await generateKeyPair("RS256", { extractable: true });
    expect(await isApplePrivateKey(await exportPKCS8(p256.privateKey))).toBe(true);
    expect(await isApplePrivateKey(await exportPKCS8(p384.privateKey))).toBe(false);
    expect(await isApplePrivateKey(await exportPKCS8(rsa.privateKey))).toBe(false);
    expect(
      await isApplePrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"),
    ).toBe(false);
    expect(await isApplePrivateKey("not a key")).toBe(false);
  });
});
