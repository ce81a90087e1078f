/**
 * How an authorization response travels back (OAuth 2.0 Multiple Response Type Encoding
 * Practices §2.1, OAuth 2.0 Form Post Response Mode §2). Only `code` is issued here, so all
 * three are safe: no token ever rides in a query (Multiple Response Types §2.1).
 */
export const RESPONSE_MODES = ["query", "fragment", "form_post"] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

/** Multiple Response Types §2.1: the default for `response_type=code` is `query`. */
export const DEFAULT_RESPONSE_MODE: ResponseMode = "query";

/** An authorization response (success or error) before it is encoded for its response mode. */
export interface AuthorizationAnswer {
  redirectUri: string;
  responseMode: ResponseMode;
  params: [string, string][];
}

/** Reads `response_mode`; null when it names no mode this server speaks. */
export function parseResponseMode(value: string | null): ResponseMode | null {
  if (value === null) return DEFAULT_RESPONSE_MODE;
  return (RESPONSE_MODES as readonly string[]).includes(value) ? (value as ResponseMode) : null;
}

/** Builds the answer to `request`, dropping the parameters that are null. */
export function authorizationAnswer(
  request: { redirectUri: string; responseMode?: ResponseMode },
  params: Record<string, string | null>,
): AuthorizationAnswer {
  return {
    redirectUri: request.redirectUri,
    responseMode: request.responseMode ?? DEFAULT_RESPONSE_MODE,
    params: Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== null),
  };
}

/**
 * The redirect URL of a `query` or `fragment` answer (RFC 6749 §4.1.2; Multiple Response Types
 * §2.1: a fragment answer replaces any fragment, a query answer keeps the URI's own query).
 */
export function answerRedirectUrl(answer: AuthorizationAnswer): string {
  const url = new URL(answer.redirectUri);
  if (answer.responseMode === "fragment") {
    url.hash = new URLSearchParams(answer.params).toString();
    return url.toString();
  }
  if (answer.responseMode !== "query") throw new TypeError("a form_post answer is a page");
  for (const [key, value] of answer.params) url.searchParams.set(key, value);
  return url.toString();
}
