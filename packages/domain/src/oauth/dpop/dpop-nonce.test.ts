import { describe, expect, it } from "vitest";
import { currentDpopNonce, DPOP_NONCE_WINDOW_S, dpopNonceValid } from "./dpop-nonce.ts";

const ISSUER = { secret: "test-secret-0123456789abcdef", issuerId: "iss_a" };
const WINDOW_MS = DPOP_NONCE_WINDOW_S * 1000;
const START = 1_800_000_000_000 - (1_800_000_000_000 % WINDOW_MS);

describe("stateless DPoP nonces (RFC 9449 §8)", () => {
  it("accepts this window's and the previous window's nonce, not older ones", async () => {
    const nonce = await currentDpopNonce(ISSUER, START + 1000);
    expect(await dpopNonceValid(ISSUER, nonce, START + 1000)).toBe(true);
    expect(await dpopNonceValid(ISSUER, nonce, START + WINDOW_MS + 1000)).toBe(true);
    expect(await dpopNonceValid(ISSUER, nonce, START + 2 * WINDOW_MS + 1000)).toBe(false);
  });

  it("hands out the next window's nonce in the last minute, valid in both", async () => {
    const late = START + WINDOW_MS - 30_000;
    const nonce = await currentDpopNonce(ISSUER, late);
    expect(nonce).not.toBe(await currentDpopNonce(ISSUER, START + 1000));
    expect(await dpopNonceValid(ISSUER, nonce, late)).toBe(true);
    expect(await dpopNonceValid(ISSUER, nonce, late + WINDOW_MS)).toBe(true);
  });

  it("refuses another issuer's nonce, a forged MAC and garbage", async () => {
    const nonce = await currentDpopNonce(ISSUER, START);
    expect(await dpopNonceValid({ ...ISSUER, issuerId: "iss_b" }, nonce, START)).toBe(false);
    const [window, mac] = nonce.split(".") as [string, string];
    const forged = `${window}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`;
    expect(await dpopNonceValid(ISSUER, forged, START)).toBe(false);
    expect(await dpopNonceValid(ISSUER, "not-a-nonce", START)).toBe(false);
    expect(await dpopNonceValid(ISSUER, "", START)).toBe(false);
  });
});
