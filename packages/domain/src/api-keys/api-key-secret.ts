import { randomToken, sha256Hex, timingSafeEqual } from "../crypto/hash.ts";

/** A new 256-bit API key or client secret, its SHA-256 for storage and an 8-character hint. */
export async function newSecret(
  prefix = "",
): Promise<{ plain: string; hash: string; hint: string }> {
  const plain = `${prefix}${randomToken(32)}`;
  return { plain, hash: await sha256Hex(plain), hint: plain.slice(-8) };
}

/** Checks a presented secret against the current hash and, during a rotation window, the old one. */
export async function secretMatches(
  presented: string,
  stored: { hash: string | null; previousHash?: string | null; previousExpiresAt?: number | null },
  now: number,
): Promise<boolean> {
  const hash = await sha256Hex(presented);
  const current = stored.hash !== null && timingSafeEqual(hash, stored.hash);
  const previous =
    !!stored.previousHash &&
    (stored.previousExpiresAt ?? 0) > now &&
    timingSafeEqual(hash, stored.previousHash);
  return current || previous;
}
