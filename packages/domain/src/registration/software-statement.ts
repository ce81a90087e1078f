import { createLocalJWKSet, decodeJwt, errors, type JSONWebKeySet, jwtVerify } from "jose";
import { DomainError } from "../errors.ts";
import type { RegistrationSettings } from "../values/registration-settings.ts";

const ALGORITHMS = ["ES256", "EdDSA", "RS256", "PS256"];
/** JWT claims about the statement itself, not client metadata (RFC 7519 §4.1). */
const JWT_CLAIMS = ["iss", "sub", "aud", "iat", "exp", "nbf", "jti"];

const invalid = (why: string) =>
  new DomainError("INVALID_SOFTWARE_STATEMENT", `the software statement ${why}`);
const unapproved = (why: string) =>
  new DomainError("UNAPPROVED_SOFTWARE_STATEMENT", `the software statement ${why}`);

/**
 * The client metadata a software statement asserts (RFC 7591 §2.3), after checking its
 * signature against the issuer's trusted keys and its `iss`. A malformed, expired or forged
 * statement is `invalid_software_statement`; one from a signer this issuer does not trust is
 * `unapproved_software_statement` (§3.2.2).
 */
export async function softwareStatementClaims(
  statement: string,
  trust: RegistrationSettings["software_statement"],
  now: number,
): Promise<Record<string, unknown>> {
  let claimed: Record<string, unknown>;
  try {
    claimed = decodeJwt(statement);
  } catch {
    throw invalid("is not a JWT");
  }
  if (!trust) throw unapproved("is not accepted: this issuer trusts no signer");
  if (claimed.iss !== trust.iss) throw unapproved(`issuer ${String(claimed.iss)} is not trusted`);
  let payload: Record<string, unknown>;
  try {
    const keys = createLocalJWKSet(trust.jwks as unknown as JSONWebKeySet);
    ({ payload } = await jwtVerify(statement, keys, {
      issuer: trust.iss,
      algorithms: ALGORITHMS,
      currentDate: new Date(now),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw invalid("has expired");
    if (error instanceof errors.JOSEError) throw invalid("signature does not verify");
    throw error;
  }
  return Object.fromEntries(Object.entries(payload).filter(([name]) => !JWT_CLAIMS.includes(name)));
}
