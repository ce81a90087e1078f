import { describe, expect, it } from "vitest";
import { randomString } from "../crypto/random-string.ts";
import {
  BACKUP_CODE_ALPHABET,
  BACKUP_CODE_COUNT,
  BACKUP_CODE_LENGTH,
  newBackupCode,
  newBackupCodes,
  normalizeBackupCode,
} from "./backup-codes.ts";

/** A byte source that walks 0..255 in order, forever: every byte value equally often. */
function everyByteInTurn() {
  let next = 0;
  return (length: number) => Uint8Array.from({ length }, () => next++ % 256);
}

describe("backup codes", () => {
  it("are always exactly 10 characters of the alphabet, over 20,000 draws", () => {
    const allowed = new Set(BACKUP_CODE_ALPHABET);
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const code = newBackupCode();
      if (code.length !== BACKUP_CODE_LENGTH || [...code].some((c) => !allowed.has(c))) {
        wrong.push(code);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("use every character about equally often (bounds far past chance: cannot flake)", () => {
    const counts = new Map<string, number>();
    const draws = 10_000;
    for (let i = 0; i < draws; i++) {
      for (const char of newBackupCode()) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    // 100,000 characters over 31: about 3,226 each, standard deviation about 56; ±25% is ±14σ.
    const expected = (draws * BACKUP_CODE_LENGTH) / BACKUP_CODE_ALPHABET.length;
    expect(counts.size).toBe(BACKUP_CODE_ALPHABET.length);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(expected * 0.75);
      expect(count).toBeLessThan(expected * 1.25);
    }
  });

  it("throw away the bytes that would bias the first characters (no modulo bias)", () => {
    // Fed every byte value equally often, an unbiased draw gives every character exactly
    // equally often: 256 % 31 = 8, so without rejection the first 8 would come up more.
    // 248 codes use 2,480 accepted bytes: ten full turns of the 248 values below 248.
    const random = everyByteInTurn();
    const counts = new Map<string, number>();
    for (let i = 0; i < 248; i++) {
      for (const char of newBackupCode(random)) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(counts.size).toBe(31);
    expect(new Set(counts.values())).toEqual(new Set([80]));
  });

  it("keep drawing until the length is reached, however many bytes are thrown away", () => {
    let calls = 0;
    const mostlyRejected = (length: number) => {
      calls++;
      return Uint8Array.from({ length }, (_, i) => (i === 0 ? 3 : 255));
    };
    expect(randomString(10, BACKUP_CODE_ALPHABET, mostlyRejected)).toBe("5".repeat(10));
    expect(calls).toBe(10);
  });

  it("come ten to a set, distinct, stored only as SHA-256", async () => {
    const { codes, hashes } = await newBackupCodes();
    expect(codes).toHaveLength(BACKUP_CODE_COUNT);
    expect(new Set(codes).size).toBe(BACKUP_CODE_COUNT);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(hashes).not.toContain(codes[0]);
  });

  it("are read regardless of case, spaces and dashes", () => {
    expect(normalizeBackupCode(" AB3D-EF 5gh ")).toBe("ab3def5gh");
  });
});
