import {
  authorizationError,
  resolveAuthorizeRequest,
  verifyIdTokenHint,
} from "@authpi/domain/oauth";
import { Hono } from "hono";
import { PageError } from "../errors.ts";
import {
  type CompleteAuthorization,
  currentSignIn,
  type PageEnv,
  startSignIn,
} from "../interaction/index.ts";
import { keyRing } from "../key-ring.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { useLocale } from "../middleware/page-locale.ts";
import { pageSecurity } from "../middleware/page-security.ts";
import { formBody } from "../request-params.ts";
import { sendAuthorizationAnswer } from "../send-authorization-answer.ts";
import { issuerStore } from "../store.ts";

/**
 * The authorization endpoint (RFC 6749 §3.1, OIDC Core §3.1.2), GET and form POST, with the
 * parameters sent or, by `request_uri`, pushed before (RFC 9126 §4). A sign-in
 * that already meets the request gets a code at once; otherwise the sign-in wing takes over,
 * or `login_required` answers `prompt=none`. `complete` answers a signed-in user (with consent).
 */
export const authorizeRoutes = (complete: CompleteAuthorization) =>
  new Hono<PageEnv>().on(["GET", "POST"], "/authorize", loadIssuer, pageSecurity, async (c) => {
    const now = c.get("now");
    const status = c.req.method === "POST" ? 303 : 302;
    const params =
      c.req.method === "POST" ? [...(await formBody(c.req))] : [...new URL(c.req.url).searchParams];
    const clientId = params.find(([key]) => key === "client_id")?.[1];
    const client = clientId ? await c.get("clients")(clientId) : undefined;
    const store = issuerStore(c.env, c.get("issuer").id);
    const deps = { store, secret: c.env.KEY_ENCRYPTION_SECRET, issuer: c.get("issuer"), now };
    const check = await resolveAuthorizeRequest(deps, params, client);
    if (!check.ok && !check.redirect) {
      throw new PageError(400, (t) => t.common.authorizeRefusedTitle, check.description);
    }
    if (!check.ok) {
      return sendAuthorizationAnswer(
        c,
        authorizationError(check, c.get("issuerUrl"), check.error, check.description),
        status,
      );
    }
    const hint = check.idTokenHint
      ? await verifyIdTokenHint(await keyRing(c.env, c.get("issuer").id, now), check.idTokenHint, {
          issuer: c.get("issuerUrl"),
          now,
        })
      : null;
    if (check.idTokenHint && !hint) {
      const description = "id_token_hint is not an ID token of this issuer";
      return sendAuthorizationAnswer(
        c,
        authorizationError(check.request, c.get("issuerUrl"), "invalid_request", description),
        status,
      );
    }
    const request = { ...check.request, idTokenHintSub: hint?.sub ?? null };
    useLocale(c, request.uiLocales);
    const current = await currentSignIn(c, request, now);
    if ("session" in current) return complete(c, request, current, status);
    if (request.prompt.includes("none")) {
      return sendAuthorizationAnswer(
        c,
        authorizationError(request, c.get("issuerUrl"), "login_required", current.reason),
        status,
      );
    }
    return startSignIn(c, request, now);
  });
