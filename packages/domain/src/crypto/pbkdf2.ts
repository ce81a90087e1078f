import { fromBase64Url, toBase64Url, utf8 } from "./encoding.ts";
import { timingSafeEqual } from "./hash.ts";

/** The production Workers runtime caps PBKDF2 at 100,000 iterations. */
export const PBKDF2_ITERATIONS = 100_000;
const PBKDF2_PREFIX = "pbkdf2-sha256$";

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const key = await crypto.subtle.importKey("raw", utf8(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    256,
  );
  return toBase64Url(new Uint8Array(bits));
}

/** True for a hash in the legacy `pbkdf2-sha256$<iterations>$<salt>$<hash>` format. */
export function isPbkdf2Hash(stored: string): boolean {
  return stored.startsWith(PBKDF2_PREFIX);
}

/**
 * The legacy format, kept so hashes stored before Argon2id verify until their next sign-in
 * re-hashes them (docs/decisions/passwords.md). New passwords never use it.
 */
export async function hashPbkdf2(
  normalized: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `${PBKDF2_PREFIX}${iterations}$${toBase64Url(salt)}$${await derive(normalized, salt, iterations)}`;
}

/** Verifies a legacy hash; false for a malformed one or iterations beyond the Workers cap. */
export async function verifyPbkdf2(normalized: string, stored: string): Promise<boolean> {
  const [, iterationsText, salt, expected] = stored.split("$");
  const iterations = Number(iterationsText);
  const valid = Number.isInteger(iterations) && iterations >= 1 && iterations <= PBKDF2_ITERATIONS;
  if (!valid || !salt || !expected) return false;
  return timingSafeEqual(await derive(normalized, fromBase64Url(salt), iterations), expected);
}
