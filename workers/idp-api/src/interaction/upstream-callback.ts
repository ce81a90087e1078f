import { sha256Hex, timingSafeEqual } from "@authpi/domain/crypto";
import { createDb } from "@authpi/domain/db";
import { issuerSettings } from "@authpi/domain/issuers";
import { signupPolicy, signupRefusal } from "@authpi/domain/signup";
import {
  ADAPTERS,
  recordUpstreamFailure,
  resolveConnection,
  type UpstreamConnection,
  UpstreamError,
  type UpstreamFailure,
  upstreamAmr,
  upstreamSignIn,
} from "@authpi/domain/upstream";
import type { Context } from "hono";
import { PageError } from "../errors.ts";
import { useLocale } from "../middleware/page-locale.ts";
import { mutationContext } from "../mutation-context.ts";
import { issuerStore } from "../store.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { csrfCookie } from "./cookies.ts";
import { showIdentify } from "./identify.ts";
import { continueSignIn } from "./next-step.ts";
import { afterSsoSignIn, ssoGate } from "./sso-callback.ts";
import { advanceInteraction, type Interaction } from "./state.ts";
import { takeAttempt } from "./upstream-attempt.ts";

function systemContext(c: Context<PageEnv>) {
  return mutationContext(c, c.get("issuer").accountId, { type: "system", id: null }, c.get("now"));
}

/** A failed round trip: `user.upstream.failed` is recorded and the page says so (no details). */
async function failed(
  c: Context<PageEnv>,
  connection: Pick<UpstreamConnection, "id" | "provider" | "displayName"> | null,
  reason: UpstreamFailure,
  options: { record: boolean } = { record: true },
): Promise<never> {
  if (options.record) {
    await recordUpstreamFailure(createDb(c.env.DB), systemContext(c), {
      issuerId: c.get("issuer").id,
      connectionId: connection?.id ?? "unknown",
      provider: connection?.provider ?? "unknown",
      reason,
    });
  }
  const provider = connection?.displayName ?? "The provider";
  const expired = reason === "replayed" || reason === "expired";
  throw new PageError(
    400,
    (t) => t.upstream.failedTitle,
    (t) => (expired ? t.upstream.expired : t.upstream.failed({ provider })),
  );
}

/** Apple and other `form_post` upstreams post the callback (OAuth 2.0 Form Post Response Mode §2): it continues as a GET, where the browser's SameSite=Lax cookies come along. */
export async function postedCallback(c: Context<PageEnv>) {
  const body = new URLSearchParams(await c.req.text());
  return c.redirect(`${c.get("issuerUrl")}/upstream/callback?${body}`, 303);
}

/**
 * The upstream's answer: the attempt its `state` names is taken once and must belong to this
 * browser (RFC 6749 §10.12); the adapter finishes; then the linked user signs in, a new one is
 * created just in time, or an existing one is asked to prove the account before the link.
 */
export async function upstreamCallback(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const callback = new URL(c.req.url);
  const taken = await takeAttempt(c, callback.searchParams.get("state") ?? "");
  // A state no attempt has is a forgery or garbage: shown, not recorded (a flood of forged
  // callbacks must not fill the audit trail).
  if (taken.status === "unknown") return failed(c, null, "state_mismatch", { record: false });
  if (taken.status !== "ok") return failed(c, null, taken.status);
  const { attempt } = taken;
  const db = createDb(c.env.DB);
  const key = c.env.KEY_ENCRYPTION_SECRET;
  const connection = await resolveConnection(db, c.get("issuer").id, attempt.connectionId, key);
  if (!connection) return failed(c, null, "expired");
  const csrf = csrfCookie(c) ?? "";
  if (!csrf || !timingSafeEqual(await sha256Hex(csrf), taken.browserHash)) {
    return failed(c, connection, "state_mismatch");
  }
  const profile = await ADAPTERS[connection.protocol]
    .finish(connection, attempt, callback, c.get("now"))
    .catch((error: unknown) => {
      if (error instanceof UpstreamError) return failed(c, connection, error.reason);
      throw error;
    });
  const store = issuerStore(c.env, c.get("issuer").id);
  const parked = await store.loadLoginRequest(attempt.loginRequestId, c.get("now"));
  if (!parked) return failed(c, connection, "expired");
  const state = JSON.parse(parked.payload) as Interaction;
  useLocale(c, state.request?.uiLocales);
  const { request } = state;
  if (!request) return failed(c, connection, "expired");
  const policy = signupPolicy(issuerSettings(c.get("issuer").settings));
  const sso = await ssoGate(c, connection, profile);
  if (sso === "refused") {
    const error = c.get("t").enterpriseSso.outsideDomain;
    const shown = { id: attempt.loginRequestId, csrf, request, username: "", error };
    return showIdentify(c, shown, 403);
  }
  const signedIn = await upstreamSignIn(db, systemContext(c), {
    issuerId: c.get("issuer").id,
    connection,
    profile,
    // An organization's SSO provisions its own people, whatever the issuer's public signup says.
    signupAllowed: (email) => sso === "organization" || signupRefusal(policy, email ?? "") === null,
  });
  const outcome = await afterSsoSignIn(c, sso, { connection, profile, outcome: signedIn });
  const id = attempt.loginRequestId;
  const provider = connection.displayName;
  if (outcome.kind === "refused") {
    const t = c.get("t").upstream;
    const error =
      outcome.reason === "signup_off"
        ? t.signupOff
        : outcome.reason === "email_unverified"
          ? t.emailUnverified({ provider })
          : t.userInactive;
    return showIdentify(c, { id, csrf, request, username: profile.email ?? "", error }, 403);
  }
  if (outcome.kind === "prove") {
    const pendingLink = { userId: outcome.user.id, connectionId: connection.id, profile };
    const next: Interaction = { ...state, step: "identify", pendingLink };
    const nextId = await advanceInteraction(c, id, next, csrf, c.get("now"));
    const notice = c.get("t").upstream.proveNotice({ provider });
    const shown = {
      id: nextId,
      csrf,
      request,
      username: outcome.user.username,
      error: null,
      notice,
    };
    return showIdentify(c, shown);
  }
  const next: Interaction = { ...state, firstFactor: "oauth2" };
  const amr = upstreamAmr(connection.mfa, profile);
  return continueSignIn(c, complete, { id, state: next, csrf }, outcome.user, amr, c.get("now"));
}
