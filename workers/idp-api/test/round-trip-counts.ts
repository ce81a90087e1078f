/**
 * Storage round trips and public-key operations per warm request, per bench scenario (issue 16).
 * `round-trips.test.ts` measures them in the Workers pool and fails when one changes; the bench
 * prints this table beside its timings (`bench/src/report/tables.ts`). Counts do not drift with
 * machine noise, so they are the figure tests can hold. What and how: docs/decisions/round-trips.md.
 */
export interface RoundTripCounts {
  /** Calls on the issuer's Durable Object (RPC method calls). */
  doCalls: number;
  /** D1 round trips: a statement run alone, a batch, or an exec each count one. */
  d1Queries: number;
  /** SQL statements those round trips carried. */
  d1Statements: number;
  /** ES256 signatures. */
  signatures: number;
  /** ES256 verifications. */
  verifications: number;
}

/** Keyed by the bench's scenario ids; the login flow is not counted (not a warm single request). */
export const ROUND_TRIP_COUNTS: Readonly<Record<string, RoundTripCounts>> = {
  // One ES256 signature (the access token); issuer, client and key ring from the isolate caches.
  client_credentials: {
    doCalls: 0,
    d1Queries: 0,
    d1Statements: 0,
    signatures: 1,
    verifications: 0,
  },
  // DO: consume the code, open the rp session, file the refresh handle's hash and read the
  // user's claims snapshot (one atomic call). No D1: the snapshot is warm.
  // Signatures: access token, ID token (the refresh token is an opaque handle).
  authorization_code: {
    doCalls: 1,
    d1Queries: 0,
    d1Statements: 0,
    signatures: 2,
    verifications: 0,
  },
  // No verification: the handle is looked up by its hash. DO: rotate the family, read its grant
  // and the claims snapshot. Signatures: the new access and ID tokens.
  refresh_token: { doCalls: 1, d1Queries: 0, d1Statements: 0, signatures: 2, verifications: 0 },
  // The same token again: its signature is remembered by the isolate (one verification on its
  // first use, see round-trips.test.ts). DO: is the session live, and the claims snapshot.
  userinfo: { doCalls: 1, d1Queries: 0, d1Statements: 0, signatures: 0, verifications: 0 },
  // The same token again (verified on first use). DO: session tree live, token not revoked.
  // Client from the cache.
  introspection: { doCalls: 1, d1Queries: 0, d1Statements: 0, signatures: 0, verifications: 0 },
  // DPoP (RFC 9449, docs/decisions/dpop.md): each adds the proof's verification; its jti's
  // replay check rides in the DO call the path makes anyway, so only client_credentials, which
  // made none, adds one (to the shard the jti's hash names).
  client_credentials_dpop: {
    doCalls: 1,
    d1Queries: 0,
    d1Statements: 0,
    signatures: 1,
    verifications: 1,
  },
  authorization_code_dpop: {
    doCalls: 1,
    d1Queries: 0,
    d1Statements: 0,
    signatures: 2,
    verifications: 1,
  },
  refresh_token_dpop: {
    doCalls: 1,
    d1Queries: 0,
    d1Statements: 0,
    signatures: 2,
    verifications: 1,
  },
  // The same token again (remembered), so only the proof's verification: a proof is new each
  // time. One DO call as with Bearer.
  userinfo_dpop: { doCalls: 1, d1Queries: 0, d1Statements: 0, signatures: 0, verifications: 1 },
  // The serialised JWKS cached per isolate: nothing.
  jwks: { doCalls: 0, d1Queries: 0, d1Statements: 0, signatures: 0, verifications: 0 },
  // The metadata from the cached issuer: nothing.
  discovery: { doCalls: 0, d1Queries: 0, d1Statements: 0, signatures: 0, verifications: 0 },
};
