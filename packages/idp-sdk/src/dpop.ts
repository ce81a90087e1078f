import { calculateJwkThumbprint, exportJWK, type JWK, SignJWT } from "jose";

/**
 * A DPoP key (RFC 9449) that signs proofs for the token endpoint and UserInfo, and remembers
 * the last server nonce (§8). Make one with `DpopKey.generate()` (a non-extractable WebCrypto
 * ES256 key pair) or hand it your own key pair, e.g. one kept in IndexedDB.
 */
export class DpopKey {
  readonly #keyPair: CryptoKeyPair;
  readonly #alg: string;
  #jwk: Promise<JWK> | undefined;
  /** The last `DPoP-Nonce` the server sent; put into every later proof. */
  nonce: string | undefined;

  constructor(keyPair: CryptoKeyPair, alg = "ES256") {
    this.#keyPair = keyPair;
    this.#alg = alg;
  }

  /** A fresh ES256 key pair; the private key cannot be exported. */
  static async generate(): Promise<DpopKey> {
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
      "sign",
      "verify",
    ]);
    return new DpopKey(pair as CryptoKeyPair, "ES256");
  }

  #publicJwk(): Promise<JWK> {
    this.#jwk ??= exportJWK(this.#keyPair.publicKey).then(({ kty, crv, x, y, n, e }) =>
      Object.fromEntries(
        Object.entries({ kty, crv, x, y, n, e }).filter(([, value]) => value !== undefined),
      ),
    );
    return this.#jwk;
  }

  /** The key's RFC 7638 thumbprint: the `cnf.jkt` of tokens bound to it, and `dpop_jkt`. */
  async thumbprint(): Promise<string> {
    return calculateJwkThumbprint(await this.#publicJwk());
  }

  /** A proof for one request (RFC 9449 §4.2); `accessToken` adds `ath` for a resource. */
  async proof(htm: string, htu: string, accessToken?: string): Promise<string> {
    const url = new URL(htu);
    url.search = "";
    url.hash = "";
    const claims: Record<string, string> = { htm, htu: url.href, jti: crypto.randomUUID() };
    if (this.nonce) claims.nonce = this.nonce;
    if (accessToken !== undefined) claims.ath = await base64UrlSha256(accessToken);
    return new SignJWT(claims)
      .setProtectedHeader({ typ: "dpop+jwt", alg: this.#alg, jwk: await this.#publicJwk() })
      .setIssuedAt()
      .sign(this.#keyPair.privateKey);
  }
}

async function base64UrlSha256(value: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)),
  );
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Whether a response asks for a DPoP nonce: 400 at the token endpoint, 401 at a resource. */
async function asksForNonce(response: Response): Promise<boolean> {
  if (!response.headers.get("dpop-nonce")) return false;
  if (response.status === 401) {
    return /^DPoP\b.*error="use_dpop_nonce"/i.test(response.headers.get("www-authenticate") ?? "");
  }
  if (response.status !== 400) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { error?: unknown };
  return body.error === "use_dpop_nonce";
}

/**
 * Sends `send(proof)` with a fresh proof; when the server asks for a nonce (RFC 9449 §8),
 * remembers it and sends once more. Every answer's `DPoP-Nonce` is remembered.
 */
export async function sendWithDpop(
  key: DpopKey,
  request: { htm: string; htu: string; accessToken?: string },
  send: (proof: string) => Promise<Response>,
): Promise<Response> {
  const attempt = async () => {
    const response = await send(await key.proof(request.htm, request.htu, request.accessToken));
    const nonce = response.headers.get("dpop-nonce");
    if (nonce) key.nonce = nonce;
    return response;
  };
  const first = await attempt();
  return (await asksForNonce(first)) ? attempt() : first;
}
