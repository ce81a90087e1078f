/** Random bytes: `crypto.getRandomValues` unless a test passes its own source. */
export type RandomBytes = (length: number) => Uint8Array;

const secureBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

/**
 * A string of exactly `length` characters drawn uniformly from `alphabet`. Bytes at or above
 * the largest multiple of the alphabet's size are thrown away (rejection sampling), so no
 * character is likelier than another (no modulo bias).
 */
export function randomString(
  length: number,
  alphabet: string,
  randomBytes: RandomBytes = secureBytes,
): string {
  const size = alphabet.length;
  if (size < 2 || size > 256) throw new RangeError(`alphabet of ${size} characters`);
  const limit = 256 - (256 % size);
  let out = "";
  while (out.length < length) {
    // Exactly as many bytes as characters still missing: none is drawn and then ignored.
    for (const byte of randomBytes(length - out.length)) {
      if (byte < limit) out += alphabet[byte % size];
    }
  }
  return out;
}
