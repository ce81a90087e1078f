import { describe, expect, it } from "vitest";
import { randomToken, sha256Base64Url, timingSafeEqual } from "./hash.ts";
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from "./password.ts";
import { open, seal } from "./sealed-box.ts";

describe("passwords", () => {
  it("stores PBKDF2-SHA256 with its parameters and a per-user salt", async () => {
    const a = await hashPassword("hunter2-hunter2");
    const b = await hashPassword("hunter2-hunter2");
    expect(a).toMatch(
      new RegExp(`^pbkdf2-sha256\\$${PBKDF2_ITERATIONS}\\$[\\w-]{22}\\$[\\w-]{43}$`),
    );
    expect(a).not.toBe(b);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse");
    expect(await verifyPassword("correct horse", stored)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword("correct hors", stored)).ok).toBe(false);
    expect((await verifyPassword("correct horse", "garbage")).ok).toBe(false);
  });

  it("asks for a rehash when the stored parameters are weaker", async () => {
    const weak = await hashPassword("pw-pw-pw-pw", 1000);
    expect(await verifyPassword("pw-pw-pw-pw", weak)).toEqual({ ok: true, needsRehash: true });
  });
});

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
