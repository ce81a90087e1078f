/**
 * The contract of the per-issuer Durable Object (session and authorization-code store).
 * The class lives in the IdP worker; other workers bind it by `script_name` and type their
 * stubs with this interface, so no worker imports another.
 */

/** What an authorization code stands for (RFC 6749 §4.1.2); stored only under its hash. */
export interface CodeGrant {
  clientId: string;
  userId: string;
  sessionId: string;
  redirectUri: string;
  scope: string;
  nonce: string | null;
  codeChallenge: string | null;
  authTime: number;
  resource: string[];
  orgId: string | null;
}

export type ConsumeCodeResult =
  | { status: "ok"; grant: CodeGrant }
  /** A second use: the caller must revoke what the first use issued (RFC 9700 §4.2.4). */
  | { status: "replayed"; grant: CodeGrant }
  | { status: "invalid" };

export interface IssuerStoreRpc {
  saveCode(codeHash: string, grant: CodeGrant, expiresAt: number): Promise<void>;
  consumeCode(codeHash: string, now: number): Promise<ConsumeCodeResult>;
}

/** The one place that names an issuer's object, so sharding later is a one-line change. */
export function issuerStoreId(
  namespace: { idFromName(name: string): DurableObjectId },
  issuerId: string,
) {
  return namespace.idFromName(issuerId);
}
