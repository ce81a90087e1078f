import {
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  EmbeddedJWK,
  type JWK,
} from "jose";
import { sha256Base64Url } from "../../crypto/hash.ts";
import { DomainError } from "../../errors.ts";
import { DPOP_IAT_SKEW_S, DPOP_MAX_JTI_LENGTH, DPOP_SIGNING_ALGS } from "./dpop-algs.ts";

/** Members only a private or symmetric JWK has (RFC 7517 §§6.2.2, 6.3.2, 6.4). */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/** A checked proof: the key's RFC 7638 thumbprint and what replay detection needs. */
export interface DpopProof {
  jkt: string;
  jti: string;
  /** Seconds, the proof's own. */
  iat: number;
  nonce: string | null;
}

/** What the request the proof must match looks like (RFC 9449 §4.3). */
export interface ProofExpectation {
  /** Every value of the request's DPoP header (a comma-joined header counts as several). */
  header: string | null;
  htm: string;
  htu: string;
  /** The access token presented with the proof, at a resource (§7.1): `ath` must match it. */
  accessToken?: string;
  now: number;
  skewS?: number;
  /** Where the error is answered: the token endpoint (400) or a resource (401, §7.1). */
  at: "token" | "resource";
}

function refuse(at: ProofExpectation["at"], message: string): never {
  throw new DomainError(
    at === "token" ? "INVALID_DPOP_PROOF" : "RESOURCE_INVALID_DPOP_PROOF",
    message,
  );
}

/** `htu` as compared (RFC 9449 §4.3 step 9): no query, no fragment, URL-normalised. */
export function normalisedHtu(value: string): string | null {
  try {
    const url = new URL(value);
    url.search = "";
    url.hash = "";
    return url.href;
  } catch {
    return null;
  }
}

/** The single proof of a request: none, or exactly one (RFC 9449 §4.3 step 1). */
export function singleProof(header: string | null, at: ProofExpectation["at"]): string | null {
  if (header === null) return null;
  const values = header.split(",").map((value) => value.trim());
  if (values.length !== 1 || !values[0]) refuse(at, "exactly one DPoP header is allowed");
  return values[0];
}

function header(proof: string, at: ProofExpectation["at"]) {
  try {
    return decodeProtectedHeader(proof);
  } catch {
    return refuse(at, "the DPoP proof is not a JWT");
  }
}

/**
 * Checks a DPoP proof (RFC 9449 §4.3): `typ`, an allowed asymmetric `alg`, a public `jwk`, the
 * signature, `htm`, `htu`, `iat` within the skew, a `jti`, and `ath` at a resource. Returns the
 * key's thumbprint (RFC 7638) and the `jti`; null when the request carries no proof. Replay and
 * nonce are the caller's: they need the store and the issuer.
 */
export async function checkDpopProof(expect: ProofExpectation): Promise<DpopProof | null> {
  const { at } = expect;
  const proof = singleProof(expect.header, at);
  if (proof === null) return null;
  const protectedHeader = header(proof, at);
  if (protectedHeader.typ !== "dpop+jwt") refuse(at, "the DPoP proof's typ must be dpop+jwt");
  const alg = protectedHeader.alg;
  if (!alg || !(DPOP_SIGNING_ALGS as readonly string[]).includes(alg)) {
    refuse(at, `the DPoP proof's alg must be one of ${DPOP_SIGNING_ALGS.join(" ")}`);
  }
  const jwk = protectedHeader.jwk as JWK | undefined;
  if (!jwk || typeof jwk !== "object") refuse(at, "the DPoP proof carries no jwk");
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) {
    refuse(at, "the DPoP proof's jwk must be a public key");
  }
  let payload: Record<string, unknown>;
  try {
    const verified = await compactVerify(proof, EmbeddedJWK, {
      algorithms: [...DPOP_SIGNING_ALGS],
    });
    payload = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
  } catch {
    return refuse(at, "the DPoP proof's signature is invalid");
  }
  if (typeof payload !== "object" || payload === null) refuse(at, "the DPoP proof has no claims");
  if (payload.htm !== expect.htm) refuse(at, "the DPoP proof's htm does not match the request");
  const htu = typeof payload.htu === "string" ? normalisedHtu(payload.htu) : null;
  if (htu === null || htu !== normalisedHtu(expect.htu)) {
    refuse(at, "the DPoP proof's htu does not match the request");
  }
  const iat = payload.iat;
  const skew = expect.skewS ?? DPOP_IAT_SKEW_S;
  if (typeof iat !== "number" || Math.abs(iat - expect.now / 1000) > skew) {
    refuse(at, "the DPoP proof's iat is too far from the current time");
  }
  const jti = payload.jti;
  if (typeof jti !== "string" || jti.length === 0 || jti.length > DPOP_MAX_JTI_LENGTH) {
    refuse(at, `the DPoP proof needs a jti of 1 to ${DPOP_MAX_JTI_LENGTH} characters`);
  }
  if (expect.accessToken !== undefined) {
    // RFC 9449 §4.3 step 12: base64url(SHA-256(ASCII(access token))).
    if (payload.ath !== (await sha256Base64Url(expect.accessToken))) {
      refuse(at, "the DPoP proof's ath does not match the access token");
    }
  }
  const nonce = typeof payload.nonce === "string" ? payload.nonce : null;
  return { jkt: await calculateJwkThumbprint(jwk, "sha256"), jti, iat, nonce };
}
