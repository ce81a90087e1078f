import { deviceAuthorizeRequest, lookUpUserCode } from "@authpi/domain/oauth";
import type { Context } from "hono";
import { Hono } from "hono";
import { loadIssuer } from "../middleware/issuer.ts";
import { textsOf } from "../middleware/page-locale.ts";
import { pageSecurity } from "../middleware/page-security.ts";
import { formBody } from "../request-params.ts";
import { issuerStore } from "../store.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { ensureCsrf, verifyCsrf } from "./csrf.ts";
import { currentSignIn } from "./current-sign-in.ts";
import { startSignIn } from "./identify.ts";
import { pageFrame } from "./page-frame.ts";
import { waitText } from "./page-messages.ts";
import { deviceCodePage } from "./pages/device-pages.ts";

type C = Context<PageEnv>;

function showCodePage(c: C, userCode: string, error: string | null, status: 200 | 422 | 429) {
  const page = deviceCodePage({
    frame: pageFrame(c),
    action: `/${c.get("issuer").id}/device`,
    csrfToken: ensureCsrf(c, c.get("issuer").id),
    userCode,
    error,
  });
  return c.html(page, status);
}

/**
 * A typed user code (RFC 8628 §3.3), counted against guessing: a live one starts the device's
 * sign-in, or goes straight to `complete` when the browser is signed in already.
 */
async function enterUserCode(c: C, complete: CompleteAuthorization) {
  const now = c.get("now");
  const form = await formBody(c.req);
  const t = textsOf(c);
  await verifyCsrf(c, form.get("csrf_token") ?? "", null, t.device.formRefused);
  const typed = (form.get("user_code") ?? "").trim().slice(0, 20);
  if (!typed) return showCodePage(c, typed, t.device.codeRequired, 422);
  const store = issuerStore(c.env, c.get("issuer").id);
  const ip = c.req.header("cf-connecting-ip");
  const found = await lookUpUserCode({ store, ip, now }, typed);
  if (found.status === "throttled") {
    c.header("Retry-After", String(Math.ceil(found.retryAfterMs / 1000)));
    return showCodePage(
      c,
      typed,
      t.device.throttled({ wait: waitText(t, found.retryAfterMs) }),
      429,
    );
  }
  const client = found.status === "found" ? await c.get("clients")(found.device.clientId) : null;
  if (found.status !== "found" || client?.status !== "active") {
    return showCodePage(c, typed, t.device.codeUnknown, 422);
  }
  const request = deviceAuthorizeRequest(found.device, c.get("issuerUrl"), null);
  const current = await currentSignIn(c, request, now);
  if ("session" in current) return complete(c, request, current, 303);
  return startSignIn(c, request, now);
}

/** The verification page (RFC 8628 §3.3): `GET /device` shows the form, its POST the code. */
export const deviceEntryRoutes = (complete: CompleteAuthorization) =>
  new Hono<PageEnv>()
    .get("/device", loadIssuer, pageSecurity, (c) =>
      showCodePage(c, (c.req.query("user_code") ?? "").slice(0, 20), null, 200),
    )
    .post("/device", loadIssuer, pageSecurity, (c) => enterUserCode(c, complete));
