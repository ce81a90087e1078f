import { describe, expect, it } from "vitest";
import { randomToken, sha256Base64Url, timingSafeEqual } from "./hash.ts";
import { open, seal } from "./sealed-box.ts";

describe("sealed box", () => {
  it("round-trips and refuses another secret or purpose", async () => {
    const sealed = await seal("secret-a", "signing-key", "private material");
    expect(sealed).not.toContain("private material");
    expect(await open("secret-a", "signing-key", sealed)).toBe("private material");
    await expect(open("secret-b", "signing-key", sealed)).rejects.toThrow();
    await expect(open("secret-a", "webhook-secret", sealed)).rejects.toThrow();
  });
});

describe("hashing helpers", () => {
  it("computes the RFC 7636 appendix B S256 challenge", async () => {
    expect(await sha256Base64Url("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("compares strings fully", () => {
    expect(timingSafeEqual("abc", "abc")).toBe(true);
    expect(timingSafeEqual("abc", "abd")).toBe(false);
    expect(timingSafeEqual("abc", "abcd")).toBe(false);
    expect(randomToken()).toMatch(/^[\w-]{43}$/);
  });
});
