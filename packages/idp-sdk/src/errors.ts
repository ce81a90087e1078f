/** An OAuth error from the identity provider (RFC 6749 §5.2): `error` is the wire code. */
export class IdpError extends Error {
  override readonly name: string = "IdpError";
  constructor(
    readonly error: string,
    readonly errorDescription: string | undefined,
    readonly status?: number,
  ) {
    super(errorDescription ? `${error}: ${errorDescription}` : error);
  }
}

/** The SDK was given something it cannot work with (no redirect URI, bad issuer URL...). */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

/** The callback's `state` is not the one this login started with (CSRF, RFC 6749 §10.12). */
export class StateMismatchError extends Error {
  override readonly name = "StateMismatchError";
  constructor() {
    super("state in the callback does not match the authorization request");
  }
}

/** The callback's `iss` names another issuer (mix-up attack, RFC 9207). */
export class IssuerMismatchError extends Error {
  override readonly name = "IssuerMismatchError";
  constructor(readonly received: string | null) {
    super(`iss in the callback is ${received ?? "missing"}, not this issuer`);
  }
}

/** A token failed verification: signature, `typ`, `iss`, `aud`, `exp` or `nonce`. */
export class TokenVerificationError extends Error {
  override readonly name = "TokenVerificationError";
}

/** Refreshing failed; with `sessionEnded` the user must sign in again. */
export class RefreshError extends Error {
  override readonly name = "RefreshError";
  constructor(
    message: string,
    readonly sessionEnded: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
