import { timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Argon2, { Argon2Type } from "@phi-ag/argon2";

/** Same as ours: Argon2id m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte tag, the same wasm build. */
const OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  hashLength: 32,
  type: Argon2Type.Argon2id,
};

const wasm = readFileSync(createRequire(import.meta.url).resolve("@phi-ag/argon2/argon2.wasm"));
const argon2 = new Argon2(new WebAssembly.Instance(new WebAssembly.Module(wasm)));

export interface PasswordHash {
  salt: Uint8Array;
  hash: Uint8Array;
}

function derive(password: string, salt: Uint8Array): Uint8Array {
  // The wrapper passes the string's length as its byte length: right for ASCII only.
  if (!/^[\x20-\x7e]*$/.test(password)) throw new Error("the peer takes ASCII passwords only");
  return argon2.hash(password, { ...OPTIONS, salt }).hash;
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt, hash: derive(password, salt) };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  try {
    return timingSafeEqual(derive(password, stored.salt), stored.hash);
  } catch {
    return false;
  }
}
