import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { NONCE, secureHeaders } from "hono/secure-headers";

type PageVariables = {
  cspNonce: string;
  secureHeadersNonce?: string;
  formTargets?: string[];
  imageSources?: string[];
  frameSources?: string[];
};

const CSP = "Content-Security-Policy";
const FORM_ACTION = "form-action 'self'";
const IMG_SRC = "img-src 'self' https: data:";

/**
 * A strict CSP whose only inline style and scripts carry a per-response nonce; forms may post to our
 * own origin only (plus what {@link allowFormTargets} adds); no framing, no referrer.
 * COOP stays off: a relying party's sign-in popup keeps its `window.opener`.
 */
const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: [NONCE],
    // The passkey scripts (interaction/assets), loaded by tags that carry the nonce.
    scriptSrc: [NONCE],
    imgSrc: ["'self'", "https:", "data:"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: "DENY",
  crossOriginOpenerPolicy: false,
  // Sent app-wide by `requestContext`, and only over https.
  strictTransportSecurity: false,
});

/** Headers for every hosted page; pages are never cached (they carry CSRF tokens and codes). */
export const pageSecurity = createMiddleware<{ Variables: PageVariables }>(
  async function pageSecurity(c, next) {
    await headers(c, async () => {
      c.set("cspNonce", c.get("secureHeadersNonce") ?? "");
      await next();
    });
    const targets = c.get("formTargets") ?? [];
    const images = c.get("imageSources") ?? [];
    const frames = c.get("frameSources") ?? [];
    const csp = c.res.headers.get(CSP);
    if (csp && (targets.length > 0 || images.length > 0 || frames.length > 0)) {
      let widened = csp
        .replace(FORM_ACTION, [FORM_ACTION, ...targets].join(" "))
        .replace(IMG_SRC, [IMG_SRC, ...images].join(" "));
      if (frames.length > 0) widened = `${widened}; frame-src ${frames.join(" ")}`;
      c.res.headers.set(CSP, widened);
    }
    c.res.headers.set("Cache-Control", "no-store");
  },
);

/**
 * Lets the page's form reach these redirect URIs too: the sign-in POST answers with a 303 to
 * the client's redirect URI, and Chromium applies `form-action` to that redirect (CSP 3
 * form-action). CSP matching ignores paths after a redirect (CSP 3 "match url to source
 * expression"), so the origin is the source; a private-use scheme (RFC 8252 §7.1) becomes a
 * scheme source.
 */
export function allowFormTargets(c: Context, redirectUris: string[]): void {
  const sources = redirectUris.flatMap((uri) => {
    const url = URL.parse(uri);
    if (!url) return [];
    return url.protocol === "http:" || url.protocol === "https:" ? [url.origin] : [url.protocol];
  });
  c.set("formTargets", [...new Set(sources)]);
}

/** Lets the page frame these URIs' origins (the front-channel logout page's iframes). */
export function allowFrameSources(c: Context, uris: string[]): void {
  const origins = uris.flatMap((uri) => {
    const url = URL.parse(uri);
    return url && (url.protocol === "https:" || url.protocol === "http:") ? [url.origin] : [];
  });
  c.set("frameSources", [...new Set(origins)]);
}

/** Lets the page show an image from a plain-http origin too (an issuer's logo in development). */
export function allowImageSource(c: Context, url: string | null): void {
  const parsed = url ? URL.parse(url) : null;
  const current = (c.var as PageVariables).imageSources ?? [];
  if (parsed?.protocol === "http:")
    c.set("imageSources", [...new Set([...current, parsed.origin])]);
}
