import { fromBase64Url, toBase64Url, utf8 } from "./encoding.ts";

const cache = new Map<string, Promise<CryptoKey>>();

/** Derives an AES-256-GCM key from a deployment secret and a purpose label (HKDF-SHA256). */
function deriveKey(secret: string, purpose: string): Promise<CryptoKey> {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = cache.get(cacheKey);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", utf8(secret), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: utf8("authpi-edge"), info: utf8(purpose) },
          base,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      );
    cache.set(cacheKey, key);
  }
  return key;
}

/** Encrypts `plaintext` as `v1.<iv>.<ciphertext>` (AES-256-GCM, random 96-bit IV). */
export async function seal(secret: string, purpose: string, plaintext: string): Promise<string> {
  const key = await deriveKey(secret, purpose);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, utf8(plaintext));
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(data))}`;
}

/** Decrypts a value made by {@link seal}; throws when the secret or purpose differ. */
export async function open(secret: string, purpose: string, sealed: string): Promise<string> {
  const [version, iv, data] = sealed.split(".");
  if (version !== "v1" || !iv || !data) throw new Error("unrecognised sealed value");
  const key = await deriveKey(secret, purpose);
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64Url(iv) },
    key,
    fromBase64Url(data),
  );
  return new TextDecoder().decode(plain);
}
