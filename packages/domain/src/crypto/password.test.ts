import { describe, expect, it } from "vitest";
import {
  ARGON2ID_PARAMS,
  belowOwaspMinimum,
  DUMMY_PASSWORD_HASH,
  hashPassword,
  verifyPassword,
} from "./password.ts";
import { hashPbkdf2 } from "./pbkdf2.ts";

describe("passwords", () => {
  it("stores Argon2id as a PHC string with today's parameters and a per-user salt", async () => {
    const a = await hashPassword("hunter2-hunter2");
    const b = await hashPassword("hunter2-hunter2");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse");
    expect(await verifyPassword("correct horse", stored)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword("correct hors", stored)).toEqual({ ok: false, needsRehash: false });
    expect((await verifyPassword("correct horse", "garbage")).ok).toBe(false);
  });

  it("matches a password typed in another Unicode form (NFKC)", async () => {
    const stored = await hashPassword("ﬁancé");
    expect((await verifyPassword("fiance\u0301", stored)).ok).toBe(true);
  });

  it("asks for a rehash when the stored parameters differ from today's", async () => {
    const weaker = await hashPassword("pw-pw-pw-pw", {
      memoryKib: 12_288,
      iterations: 3,
      parallelism: 1,
    });
    expect(weaker).toContain("$m=12288,t=3,p=1$");
    expect(await verifyPassword("pw-pw-pw-pw", weaker)).toEqual({ ok: true, needsRehash: true });
  });

  it("refuses to hash with parameters below OWASP's minimum", async () => {
    await expect(
      hashPassword("pw", { memoryKib: 4_096, iterations: 10, parallelism: 1 }),
    ).rejects.toThrow(RangeError);
    await expect(
      hashPassword("pw", { memoryKib: 19_456, iterations: 1, parallelism: 1 }),
    ).rejects.toThrow(RangeError);
    expect(belowOwaspMinimum(ARGON2ID_PARAMS)).toBe(false);
    expect(belowOwaspMinimum({ memoryKib: 47_104, iterations: 1, parallelism: 1 })).toBe(false);
  });

  it("still verifies a legacy PBKDF2 hash, always asking for a rehash", async () => {
    const legacy = await hashPbkdf2("correct horse");
    expect(legacy).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword("correct horse", legacy)).toEqual({ ok: true, needsRehash: true });
    expect((await verifyPassword("correct hors", legacy)).ok).toBe(false);
    expect(
      (await verifyPassword("correct horse", legacy.replace("$100000$", "$1000000$"))).ok,
    ).toBe(false);
  });

  it("matches no password with the dummy hash", async () => {
    expect(DUMMY_PASSWORD_HASH).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await verifyPassword("", DUMMY_PASSWORD_HASH)).ok).toBe(false);
  });
});
