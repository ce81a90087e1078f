import { describe, expect, it } from "vitest";
import {
  formatUserCode,
  newUserCode,
  normalizeUserCode,
  USER_CODE_ALPHABET,
  userCodeKey,
} from "./user-code.ts";

describe("user codes (RFC 8628 §6.1)", () => {
  it("are 8 letters of the vowel-free alphabet, shown as XXXX-XXXX", () => {
    for (let i = 0; i < 200; i++) {
      const code = newUserCode();
      expect(code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/);
      expect(formatUserCode(code)).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    }
  });

  it("use every letter about as often (no modulo bias)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      for (const ch of newUserCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(USER_CODE_ALPHABET.length);
    // 16,000 letters over 20: 800 each; a biased draw would push some well past 900.
    for (const n of counts.values()) expect(n).toBeGreaterThan(650);
    for (const n of counts.values()) expect(n).toBeLessThan(950);
  });

  it("are read case- and dash-insensitively, and anything else is not a code", () => {
    expect(normalizeUserCode("wdjb-mjht")).toBe("WDJBMJHT");
    expect(normalizeUserCode(" WDJB MJHT ")).toBe("WDJBMJHT");
    for (const bad of ["", "WDJB-MJH", "WDJB-MJHTX", "AEIO-UAEI", "WDJB_MJHT", "WDJB-MJH1"]) {
      expect(normalizeUserCode(bad)).toBeNull();
    }
  });

  it("are stored under a hash that the typed form does not change", async () => {
    const key = await userCodeKey("WDJBMJHT");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await userCodeKey(normalizeUserCode("wdjb-mjht") as string)).toBe(key);
  });
});
