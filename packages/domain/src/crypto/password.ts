import { fromBase64Url, toBase64Url, utf8 } from "./encoding.ts";
import { timingSafeEqual } from "./hash.ts";

/** The production Workers runtime caps PBKDF2 at 100,000 iterations. */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const key = await crypto.subtle.importKey(
    "raw",
    utf8(password.normalize("NFKC")),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    HASH_BITS,
  );
  return toBase64Url(new Uint8Array(bits));
}

/** Hashes a password as `pbkdf2-sha256$<iterations>$<salt>$<hash>` so parameters can rise later. */
export async function hashPassword(
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return `pbkdf2-sha256$${iterations}$${toBase64Url(salt)}$${await derive(password, salt, iterations)}`;
}

export interface PasswordCheck {
  ok: boolean;
  /** True when the stored hash used weaker parameters than today's. */
  needsRehash: boolean;
}

/** Verifies a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const [scheme, iterationsText, salt, expected] = stored.split("$");
  const iterations = Number(iterationsText);
  if (scheme !== "pbkdf2-sha256" || !salt || !expected || !Number.isInteger(iterations)) {
    return { ok: false, needsRehash: false };
  }
  const actual = await derive(password, fromBase64Url(salt), iterations);
  return { ok: timingSafeEqual(actual, expected), needsRehash: iterations < PBKDF2_ITERATIONS };
}

/** A hash of a random password, verified when the user does not exist so timing does not tell. */
export const DUMMY_PASSWORD_HASH =
  "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
