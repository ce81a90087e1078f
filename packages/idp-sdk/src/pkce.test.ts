import { describe, expect, it } from "vitest";
import { codeChallenge, randomValue } from "./pkce.ts";

describe("PKCE", () => {
  it("computes the S256 challenge of RFC 7636 appendix B", async () => {
    expect(await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("makes 43-character verifiers from 32 random bytes", () => {
    const a = randomValue(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomValue(32)).not.toBe(a);
  });
});
