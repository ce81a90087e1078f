import { type Argon2idParams, argon2idRaw } from "./argon2id.ts";
import { toBase64, utf8 } from "./encoding.ts";
import { timingSafeEqual } from "./hash.ts";
import { isPbkdf2Hash, verifyPbkdf2 } from "./pbkdf2.ts";
import { formatArgon2idPhc, parseArgon2idPhc } from "./phc.ts";

/**
 * Today's Argon2id parameters: OWASP's minimum (Password Storage Cheat Sheet), already about
 * 30 ms of CPU per hash on Workers (BENCHMARKS.md, docs/decisions/passwords.md).
 */
export const ARGON2ID_PARAMS: Argon2idParams = { memoryKib: 19_456, iterations: 2, parallelism: 1 };
const SALT_BYTES = 16;
const TAG_BYTES = 32;

export interface PasswordCheck {
  ok: boolean;
  /** True when the hash is legacy PBKDF2 or its Argon2id parameters differ from today's. */
  needsRehash: boolean;
}

/**
 * True when the parameters fall below every row of OWASP's Argon2id table (whose cheapest row
 * is m=7 MiB, t=5): less memory than 7 MiB, or less memory × passes than that row.
 */
export function belowOwaspMinimum({ memoryKib, iterations, parallelism }: Argon2idParams): boolean {
  return memoryKib < 7_168 || memoryKib * iterations < 35_840 || parallelism < 1;
}

/** Hashes a password with Argon2id as a PHC string, so its parameters are stored with it. */
export async function hashPassword(
  password: string,
  params: Argon2idParams = ARGON2ID_PARAMS,
): Promise<string> {
  if (belowOwaspMinimum(params)) throw new RangeError("Argon2id parameters below OWASP minimum");
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const tag = argon2idRaw(utf8(normalize(password)), salt, params, TAG_BYTES);
  return formatArgon2idPhc({ params, salt, tag });
}

/**
 * Verifies a password against a stored Argon2id or legacy PBKDF2 hash, comparing in constant
 * time. A failed legacy check also spends one Argon2id verify, so an account still on PBKDF2
 * never answers faster than an unknown one (which verifies DUMMY_PASSWORD_HASH).
 */
export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const normalized = normalize(password);
  if (isPbkdf2Hash(stored)) {
    const ok = await verifyPbkdf2(normalized, stored);
    if (!ok) verifyArgon2id(normalized, DUMMY_PASSWORD_HASH);
    return { ok, needsRehash: true };
  }
  const parsed = parseArgon2idPhc(stored);
  if (!parsed) return { ok: false, needsRehash: false };
  return { ok: verifyArgon2id(normalized, stored), needsRehash: !isCurrent(parsed.params) };
}

function verifyArgon2id(normalized: string, stored: string): boolean {
  const parsed = parseArgon2idPhc(stored);
  if (!parsed) return false;
  const actual = argon2idRaw(utf8(normalized), parsed.salt, parsed.params, parsed.tag.length);
  return timingSafeEqual(toBase64(actual), toBase64(parsed.tag));
}

function isCurrent(params: Argon2idParams): boolean {
  return (
    params.memoryKib === ARGON2ID_PARAMS.memoryKib &&
    params.iterations === ARGON2ID_PARAMS.iterations &&
    params.parallelism === ARGON2ID_PARAMS.parallelism
  );
}

/** Passwords are compared in Unicode NFKC, so one typed on another keyboard still matches. */
function normalize(password: string): string {
  return password.normalize("NFKC");
}

/** A hash of no password at today's parameters, verified when the user does not exist. */
export const DUMMY_PASSWORD_HASH = formatArgon2idPhc({
  params: ARGON2ID_PARAMS,
  salt: new Uint8Array(SALT_BYTES),
  tag: new Uint8Array(TAG_BYTES),
});
