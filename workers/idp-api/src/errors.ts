import { type DomainError, isDomainError } from "@authpi/domain/errors";
import { type Messages, messages } from "@authpi/domain/i18n";
import { DPOP_SIGNING_ALGS } from "@authpi/domain/oauth";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env.ts";
import { pageFrame } from "./interaction/page-frame.ts";
import { errorPage } from "./interaction/pages/message-pages.ts";
import { textsOf } from "./middleware/page-locale.ts";
import { allowFormTargets } from "./middleware/page-security.ts";

/** A text of a page: picked from the catalogue of the request's language, or given as is. */
export type PageText = string | ((t: Messages) => string);

function textIn(t: Messages, text: PageText): string {
  return typeof text === "string" ? text : text(t);
}

/**
 * An error a hosted page shows as HTML (never a redirect: RFC 6749 §4.1.2.1 for requests whose
 * client or redirect URI is not trusted, and every dead end of a sign-in).
 */
export class PageError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 410 | 422,
    readonly title: PageText,
    readonly text: PageText,
    /** The way back to the client, when its redirect URI is known and valid (`fields`: a form post). */
    readonly back: {
      url: string;
      fields?: [string, string][];
      clientName?: string | null;
    } | null = null,
  ) {
    super(textIn(messages("en"), text));
    this.name = "PageError";
  }

  /** The same error, offering `back` (an error raised before the request was known gets it later). */
  withBack(back: PageError["back"]): PageError {
    return new PageError(this.status, this.title, this.text, back);
  }
}

const RESOURCE_ERRORS = new Set([
  "INVALID_TOKEN",
  "INSUFFICIENT_SCOPE",
  "RESOURCE_INVALID_DPOP_PROOF",
  "RESOURCE_USE_DPOP_NONCE",
]);

/**
 * A resource's challenge: Bearer (RFC 6750 §3), or DPoP with `algs` (RFC 9449 §7.1) for a
 * request that used the DPoP scheme, a DPoP proof error, or a bound token sent as Bearer.
 */
function resourceChallenge(error: DomainError, authorization: string | undefined) {
  if (!RESOURCE_ERRORS.has(error.code)) return null;
  const params = `error="${error.wireError}", error_description="${error.message.replace(/"/g, "'")}"`;
  const dpop =
    error.code.startsWith("RESOURCE_") ||
    error.extra?.challenge === "DPoP" ||
    /^DPoP\s/i.test(authorization ?? "");
  return dpop ? `DPoP ${params}, algs="${DPOP_SIGNING_ALGS.join(" ")}"` : `Bearer ${params}`;
}

/**
 * Renders errors as RFC 6749 §5.2 JSON with `Cache-Control: no-store`; `invalid_client`
 * carries `WWW-Authenticate` (RFC 6749 §5.2), `invalid_token` a Bearer challenge (RFC 6750 §3)
 * and a rate limit `Retry-After` in seconds (RFC 6585 §4).
 * A {@link PageError} is an HTML page. Unknown errors are a generic 500, logged with the
 * request id.
 */
export function renderError(error: Error, c: Context<AppEnv>): Response {
  c.header("Cache-Control", "no-store");
  if (error instanceof PageError) {
    const t = textsOf(c);
    const { back } = error;
    const frame = pageFrame(c, {
      back: back?.url,
      backFields: back?.fields,
      clientName: back?.clientName,
    });
    if (back?.fields) allowFormTargets(c, [back.url]);
    const page = errorPage(frame, textIn(t, error.title), textIn(t, error.text));
    // The page template has no async parts, so the response is ready at once.
    return c.html(page, error.status) as Response;
  }
  if (!isDomainError(error)) {
    console.error("unhandled error", c.get("requestId") ?? "", error);
    return c.json({ error: "server_error", error_description: "Internal server error" }, 500);
  }
  if (error.code === "INVALID_CLIENT") c.header("WWW-Authenticate", 'Basic realm="authpi"');
  if (error.retryAfter !== undefined) c.header("Retry-After", String(error.retryAfter));
  if (typeof error.extra?.dpop_nonce === "string") c.header("DPoP-Nonce", error.extra.dpop_nonce);
  const challenge = resourceChallenge(error, c.req.header("authorization"));
  if (challenge) c.header("WWW-Authenticate", challenge);
  return c.json(
    { error: error.wireError, error_description: error.message },
    error.status as ContentfulStatusCode,
  );
}
