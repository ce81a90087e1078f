import { sha256Hex } from "../crypto/hash.ts";
import { type RandomBytes, randomString } from "../crypto/random-string.ts";

export const BACKUP_CODE_COUNT = 10;
export const BACKUP_CODE_LENGTH = 10;
/** Lowercase letters and digits without the look-alikes 0/o, 1/l/i: 31 characters. */
export const BACKUP_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

/** One backup code: 10 characters, about 49.5 bits, uniform over the alphabet. */
export function newBackupCode(randomBytes?: RandomBytes): string {
  return randomString(BACKUP_CODE_LENGTH, BACKUP_CODE_ALPHABET, randomBytes);
}

/** A code as typed: case, spaces and dashes do not matter. */
export function normalizeBackupCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

/** A fresh set of codes, shown once, and their SHA-256 to keep (each single use). */
export async function newBackupCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, () => newBackupCode());
  return { codes, hashes: await Promise.all(codes.map((c) => sha256Hex(c))) };
}
