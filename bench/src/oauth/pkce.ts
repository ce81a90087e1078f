import { createHash, randomBytes } from "node:crypto";

export interface Pkce {
  code_verifier: string;
  code_challenge: string;
}

/** A PKCE pair with the S256 method (RFC 7636 §4.1, §4.2). */
export function pkcePair(): Pkce {
  const code_verifier = randomBytes(32).toString("base64url");
  const code_challenge = createHash("sha256").update(code_verifier).digest("base64url");
  return { code_verifier, code_challenge };
}

export function randomState(): string {
  return randomBytes(16).toString("base64url");
}
