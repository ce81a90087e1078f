import type { Argon2idParams } from "./argon2id.ts";
import { fromBase64, toBase64 } from "./encoding.ts";

/** An Argon2id hash as the PHC string format stores it: parameters, salt and tag. */
export interface Argon2idPhc {
  params: Argon2idParams;
  salt: Uint8Array;
  tag: Uint8Array;
}

/**
 * Bounds a stored string must respect before any work is spent on it: RFC 9106 §3.1's
 * minimums (salt 8 bytes, tag 4, memory 8 KiB per lane) and ceilings that keep one verify
 * inside a Worker's 128 MB and CPU budget whatever a row says.
 */
export const PHC_BOUNDS = {
  maxMemoryKib: 65_536,
  maxIterations: 10,
  maxParallelism: 4,
  salt: [8, 64],
  tag: [16, 64],
} as const;

const PHC =
  /^\$argon2id\$v=19\$m=([1-9]\d{0,6}),t=([1-9]\d?),p=([1-9])\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<tag>`, base64 without padding. */
export function formatArgon2idPhc({ params, salt, tag }: Argon2idPhc): string {
  const { memoryKib: m, iterations: t, parallelism: p } = params;
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${unpadded(salt)}$${unpadded(tag)}`;
}

/** The parsed hash, or null for anything malformed, non-canonical or out of bounds. */
export function parseArgon2idPhc(stored: string): Argon2idPhc | null {
  const match = PHC.exec(stored);
  if (!match) return null;
  const [, m, t, p, saltText, tagText] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const params = { memoryKib: Number(m), iterations: Number(t), parallelism: Number(p) };
  const salt = decodeCanonical(saltText);
  const tag = decodeCanonical(tagText);
  if (!salt || !tag || !withinBounds(params, salt.length, tag.length)) return null;
  return { params, salt, tag };
}

function withinBounds(params: Argon2idParams, saltLength: number, tagLength: number): boolean {
  const b = PHC_BOUNDS;
  return (
    params.parallelism <= b.maxParallelism &&
    params.iterations <= b.maxIterations &&
    params.memoryKib >= 8 * params.parallelism &&
    params.memoryKib <= b.maxMemoryKib &&
    saltLength >= b.salt[0] &&
    saltLength <= b.salt[1] &&
    tagLength >= b.tag[0] &&
    tagLength <= b.tag[1]
  );
}

function unpadded(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/=+$/, "");
}

/** Decodes unpadded base64, refusing a length or trailing bits another encoder would not emit. */
function decodeCanonical(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const bytes = fromBase64(text + "=".repeat((4 - (text.length % 4)) % 4));
  return unpadded(bytes) === text ? bytes : null;
}
