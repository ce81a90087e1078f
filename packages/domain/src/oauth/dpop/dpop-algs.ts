/**
 * The JWS algorithms a DPoP proof may use (RFC 9449 §5.1 `dpop_signing_alg_values_supported`):
 * asymmetric only (§4.2), never `none` or an HMAC.
 */
export const DPOP_SIGNING_ALGS = ["ES256", "EdDSA", "RS256", "PS256"] as const;

/** Seconds a proof's `iat` may lie before or after the server's clock (RFC 9449 §11.1). */
export const DPOP_IAT_SKEW_S = 60;

/** Longest `jti` we keep for replay detection (RFC 9449 §4.2 leaves the size open). */
export const DPOP_MAX_JTI_LENGTH = 256;
