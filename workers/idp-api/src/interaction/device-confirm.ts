import { grantConsent, isFirstParty } from "@authpi/domain/consents";
import { createDb } from "@authpi/domain/db";
import { type AuthorizeRequest, answerDevice } from "@authpi/domain/oauth";
import type { Context } from "hono";
import { Hono } from "hono";
import { PageError } from "../errors.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { pageSecurity } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import { issuerStore } from "../store.ts";
import type { CompleteAuthorization, PageEnv, SignedIn } from "./contract.ts";
import { ensureCsrf } from "./csrf.ts";
import { pageFrame } from "./page-frame.ts";
import { deviceConfirmPage, deviceDonePage } from "./pages/device-pages.ts";
import { closeInteraction, openInteraction, parkInteraction } from "./state.ts";

type C = Context<PageEnv>;
type DeviceRequest = AuthorizeRequest & { device: NonNullable<AuthorizeRequest["device"]> };

function gone(): never {
  throw new PageError(
    410,
    (t) => t.device.expiredTitle,
    (t) => t.device.expired,
  );
}

async function showConfirm(c: C, request: DeviceRequest, signedIn: SignedIn) {
  const client = await c.get("clients")(request.clientId);
  if (client?.status !== "active") gone();
  const csrf = ensureCsrf(c, c.get("issuer").id);
  const { session, amr, acr, authTime } = signedIn;
  const state = {
    request,
    step: "device_confirm" as const,
    userId: session.userId,
    signedIn: { sessionId: session.id, amr, acr, authTime },
  };
  const id = await parkInteraction(c, state, csrf, c.get("now"));
  const page = deviceConfirmPage({
    frame: pageFrame(c, { clientName: client.name }),
    action: `/${c.get("issuer").id}/device/confirm`,
    requestId: id,
    csrfToken: csrf,
    clientName: client.name,
    scopes: request.scope,
  });
  return c.html(page, 200);
}

/**
 * A device's sign-in ends at "Allow <app> on your device?" instead of a redirect with a code
 * (RFC 8628 §3.3, §5.4: the user confirms, against remote phishing); other requests go on to
 * `complete`. The confirmation is the consent of a third-party client.
 */
export function withDevice(complete: CompleteAuthorization): CompleteAuthorization {
  return async function confirmDevice(c, request, signedIn, status) {
    if (!request.device) return complete(c, request, signedIn, status);
    return showConfirm(c, request as DeviceRequest, signedIn);
  };
}

/** Allow approves the device code with the user's session (and records a third party's consent). */
async function answerConfirm(c: C) {
  const now = c.get("now");
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, now);
  const { request, signedIn, userId, step } = open.state;
  if (step !== "device_confirm" || !request?.device || !signedIn || !userId) gone();
  const decision = form.get("decision");
  if (decision !== "allow" && decision !== "deny") gone();
  await closeInteraction(c, open.id);
  const client = await c.get("clients")(request.clientId);
  if (client?.status !== "active") gone();
  const store = issuerStore(c.env, c.get("issuer").id);
  const deviceRequest = request as DeviceRequest;
  if (decision === "deny") {
    if (!(await answerDevice({ store, now }, deviceRequest, null))) gone();
    return c.html(deviceDonePage(pageFrame(c), false, client.name), 200);
  }
  const session = await store.getSession(signedIn.sessionId, now);
  if (session?.status !== "active" || session.userId !== userId) gone();
  const approved = await answerDevice({ store, now }, deviceRequest, { ...signedIn, session });
  if (!approved) gone();
  if (!isFirstParty(client)) {
    const ctx = mutationContext(c, c.get("issuer").accountId, { type: "user", id: userId }, now);
    await grantConsent(
      createDb(c.env.DB),
      ctx,
      c.get("issuer").id,
      userId,
      client.id,
      request.scope,
    );
  }
  return c.html(deviceDonePage(pageFrame(c), true, client.name), 200);
}

/** `POST /device/confirm`: the answer to the confirmation page. */
export const deviceConfirmRoutes = new Hono<PageEnv>().post(
  "/device/confirm",
  loadIssuer,
  pageSecurity,
  answerConfirm,
);
