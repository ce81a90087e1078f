const encoder = new TextEncoder();

export function utf8(value: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(value) as Uint8Array<ArrayBuffer>;
}

/**
 * The encoders use the runtime's own `Uint8Array.prototype.toBase64` / `toHex` (TC39 "Uint8Array
 * to/from base64", in workerd) where there is one: a hash or a signature is encoded on every
 * token request, and a string built byte by byte was a measurable part of that
 * (docs/decisions/token-paths.md). Older runtimes (Node 22) take the portable path.
 */
type NativeBytes = Uint8Array & {
  toBase64(options?: { alphabet?: "base64" | "base64url"; omitPadding?: boolean }): string;
  toHex(): string;
};

const NATIVE = typeof (Uint8Array.prototype as Partial<NativeBytes>).toHex === "function";

export function toBase64Url(bytes: Uint8Array): string {
  if (NATIVE) return (bytes as NativeBytes).toBase64({ alphabet: "base64url", omitPadding: true });
  return portableBase64Url(bytes);
}

/** The portable encoders, exported for the test that holds the native ones to them. */
export function portableBase64Url(bytes: Uint8Array): string {
  return portableBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function toBase64(bytes: Uint8Array): string {
  return NATIVE ? (bytes as NativeBytes).toBase64() : portableBase64(bytes);
}

export function portableBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(value: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
}

export function toHex(bytes: Uint8Array): string {
  return NATIVE ? (bytes as NativeBytes).toHex() : portableHex(bytes);
}

export function portableHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
