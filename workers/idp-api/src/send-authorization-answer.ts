import { type AuthorizationAnswer, answerRedirectUrl } from "@authpi/domain/oauth";
import type { Context } from "hono";
import type { PageEnv } from "./interaction/contract.ts";
import { pageFrame } from "./interaction/page-frame.ts";
import { formPostPage } from "./interaction/pages/form-post-page.ts";
import { allowFormTargets } from "./middleware/page-security.ts";

/**
 * Sends an authorization answer in its response mode: a redirect for `query` and `fragment`
 * (RFC 6749 §4.1.2), an auto-submitting form for `form_post` (OAuth 2.0 Form Post Response
 * Mode §2), which the CSP lets post to the redirect URI only.
 */
export function sendAuthorizationAnswer(
  c: Context<PageEnv>,
  answer: AuthorizationAnswer,
  status: 302 | 303,
): Response | Promise<Response> {
  if (answer.responseMode !== "form_post") return c.redirect(answerRedirectUrl(answer), status);
  allowFormTargets(c, [answer.redirectUri]);
  return c.html(formPostPage(pageFrame(c), answer));
}

/** The way back to the client after an error page, in the request's response mode. */
export function answerLink(answer: AuthorizationAnswer): {
  url: string;
  fields?: [string, string][];
} {
  if (answer.responseMode === "form_post")
    return { url: answer.redirectUri, fields: answer.params };
  return { url: answerRedirectUrl(answer) };
}
