import { randomToken, sha256Hex } from "@authpi/domain/crypto/hash";
import type { AuthorizeRequest } from "@authpi/domain/oauth/authorize-request";
import type { Context } from "hono";
import { csrfCookie, setCsrfCookie } from "./cookies.ts";
import type { IssuerEnv } from "./middleware/issuer.ts";
import { allowFormTargets } from "./middleware/page-security.ts";
import { loginPage } from "./pages/login-page.ts";
import { issuerStore } from "./store.ts";

/** A pending authorization waits this long for the user to sign in. */
export const LOGIN_REQUEST_TTL_MS = 15 * 60_000;

type PageContext = Context<IssuerEnv & { Variables: { cspNonce: string } }>;

/** Parks the validated request in the issuer store and shows the sign-in form for it. */
export async function showLogin(c: PageContext, request: AuthorizeRequest, now: number) {
  let csrf = csrfCookie(c);
  if (!csrf || !/^[A-Za-z0-9_-]{43}$/.test(csrf)) {
    csrf = randomToken(32);
    setCsrfCookie(c, c.var.issuer.id, csrf);
  }
  const requestId = randomToken(24);
  await issuerStore(c.env, c.var.issuer.id).saveLoginRequest(
    requestId,
    JSON.stringify(request),
    await sha256Hex(csrf),
    now + LOGIN_REQUEST_TTL_MS,
  );
  allowFormTargets(c, [request.redirectUri]);
  return c.html(
    loginPage({
      issuerName: c.var.issuer.name ?? "your account",
      action: `/${c.var.issuer.id}/login`,
      requestId,
      csrfToken: csrf,
      username: request.loginHint ?? "",
      error: null,
      nonce: c.var.cspNonce,
    }),
  );
}
