/**
 * One catalogue of internal error codes. Each maps to AuthPI's wire `error` code and HTTP
 * status (shared by both APIs, docs/decisions/wire-contract.md §1); each worker renders it in its format.
 */
export const ERRORS = {
  INVALID_REQUEST: { error: "invalid_request", status: 400 },
  VALIDATION_FAILED: { error: "invalid_request", status: 422 },
  INVALID_CONTENT_TYPE: { error: "invalid_content_type", status: 415 },
  PAYLOAD_TOO_LARGE: { error: "invalid_request", status: 413 },
  METHOD_NOT_ALLOWED: { error: "method_not_allowed", status: 405 },
  UNAUTHENTICATED: { error: "unauthorized", status: 401 },
  INSUFFICIENT_SCOPE: { error: "insufficient_scope", status: 403 },
  ACCESS_DENIED: { error: "access_denied", status: 403 },
  NOT_FOUND: { error: "not_found", status: 404 },
  CONFLICT: { error: "conflict", status: 409 },
  IDEMPOTENCY_KEY_REUSED: { error: "invalid_request", status: 422 },
  IDEMPOTENCY_IN_PROGRESS: { error: "conflict", status: 409 },
  PRECONDITION_FAILED: { error: "precondition_failed", status: 412 },
  RATE_LIMITED: { error: "rate_limited", status: 429 },
  INVALID_CLIENT: { error: "invalid_client", status: 401 },
  INVALID_GRANT: { error: "invalid_grant", status: 400 },
  UNAUTHORIZED_CLIENT: { error: "unauthorized_client", status: 400 },
  UNSUPPORTED_GRANT_TYPE: { error: "unsupported_grant_type", status: 400 },
  UNSUPPORTED_RESPONSE_TYPE: { error: "unsupported_response_type", status: 400 },
  INVALID_SCOPE: { error: "invalid_scope", status: 400 },
  INVALID_TARGET: { error: "invalid_target", status: 400 },
  INVALID_TOKEN: { error: "invalid_token", status: 401 },
  // RFC 8628 §3.5: the device grant's polling answers (token endpoint errors, RFC 6749 §5.2).
  AUTHORIZATION_PENDING: { error: "authorization_pending", status: 400 },
  SLOW_DOWN: { error: "slow_down", status: 400 },
  EXPIRED_TOKEN: { error: "expired_token", status: 400 },
  DEVICE_ACCESS_DENIED: { error: "access_denied", status: 400 },
  // RFC 7591 §3.2.2: dynamic client registration errors.
  INVALID_REDIRECT_URI: { error: "invalid_redirect_uri", status: 400 },
  INVALID_CLIENT_METADATA: { error: "invalid_client_metadata", status: 400 },
  INVALID_SOFTWARE_STATEMENT: { error: "invalid_software_statement", status: 400 },
  UNAPPROVED_SOFTWARE_STATEMENT: { error: "unapproved_software_statement", status: 400 },
  // RFC 9449 §§5, 8: DPoP proof errors at the token endpoint; at a resource they are 401 (§7.1).
  INVALID_DPOP_PROOF: { error: "invalid_dpop_proof", status: 400 },
  USE_DPOP_NONCE: { error: "use_dpop_nonce", status: 400 },
  RESOURCE_INVALID_DPOP_PROOF: { error: "invalid_dpop_proof", status: 401 },
  RESOURCE_USE_DPOP_NONCE: { error: "use_dpop_nonce", status: 401 },
  LOGIN_REQUIRED: { error: "login_required", status: 400 },
  SESSION_EXPIRED: { error: "session_expired", status: 401 },
  SERVER_ERROR: { error: "server_error", status: 500 },
  DOMAIN_NOT_VERIFIED: { error: "domain_not_verified", status: 422 },
  DNS_UNAVAILABLE: { error: "dns_unavailable", status: 503 },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface DomainErrorOptions {
  fields?: FieldError[];
  /** Extra wire fields, e.g. `current_etag` and `currentETag` on a 412. */
  extra?: Record<string, unknown>;
  retryAfter?: number;
  cause?: unknown;
}

/** The one error type domain code throws; `message` is safe to show to API clients. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "DomainError";
    this.code = code;
    this.fields = options.fields;
    this.extra = options.extra;
    this.retryAfter = options.retryAfter;
  }

  get wireError(): string {
    return ERRORS[this.code].error;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Shorthand for the common 404 that never says whether the id exists elsewhere. */
export function notFound(what: string): DomainError {
  return new DomainError("NOT_FOUND", `${what} not found`);
}
