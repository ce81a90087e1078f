import { pbkdf2, randomBytes, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const derive = promisify(pbkdf2);

/** Same parameters as ours: PBKDF2-SHA256, 100,000 iterations, 16-byte salt, 32-byte hash. */
const ITERATIONS = 100_000;

export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  return { salt, hash: await derive(password.normalize("NFKC"), salt, ITERATIONS, 32, "sha256") };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const actual = await derive(password.normalize("NFKC"), stored.salt, ITERATIONS, 32, "sha256");
  return timingSafeEqual(actual, stored.hash);
}
