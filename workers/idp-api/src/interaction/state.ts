import { randomToken, sha256Hex } from "@authpi/domain/crypto";
import type { AuthorizeRequest } from "@authpi/domain/oauth";
import type { UpstreamProfile } from "@authpi/domain/upstream";
import type { Context } from "hono";
import { PageError } from "../errors.ts";
import { useLocale } from "../middleware/page-locale.ts";
import { issuerStore } from "../store.ts";
import type { PageEnv } from "./contract.ts";
import { verifyCsrf } from "./csrf.ts";
import { wayBack } from "./way-back.ts";

/** A pending authorization waits this long for the user to sign in. */
export const LOGIN_REQUEST_TTL_MS = 15 * 60_000;

export type Step =
  | "identify"
  | "email_code"
  | "second_factor"
  | "enroll"
  | "enrolled"
  | "verify_email"
  | "passkey_offer"
  | "consent"
  | "device_confirm";

/** A TOTP enrollment started at sign-in: shown again (QR and text) until confirmed. */
export interface PendingEnrollment {
  id: string;
  secret: string;
  provisioningUri: string;
}

/**
 * Where a sign-in stands between pages; parked in the issuer store (never in the browser)
 * under a fresh id per step. It serves an authorization request, or an invitation.
 */
export interface Interaction {
  /** The authorization request the sign-in serves; absent when it serves an invitation. */
  request?: AuthorizeRequest;
  /** The invitation link's token, when the sign-in accepts an invitation. */
  invitationToken?: string;
  step: Step;
  /** Set once the first factor passed. */
  userId?: string;
  /** The factors passed so far (RFC 8176 values). */
  amr?: string[];
  enrollment?: PendingEnrollment;
  /** At `verify_email`: the address the page names (the user's, or what a signup typed). */
  email?: string;
  /** At `verify_email` after a signup for a registered address: its stand-in (`standInId`). */
  standIn?: string;
  /** The emailed sign-in code this step waits for: its challenge and the address typed. */
  emailChallenge?: { tokenHash: string; username: string };
  /** The auth method of the first factor, when not read from `amr` (e.g. `email-link`). */
  firstFactor?: string;
  /** Set once this sign-in offered to add a passkey: it is offered once per sign-in. */
  passkeyOffered?: boolean;
  /** The login page's script found a platform authenticator: a passkey can be made here. */
  passkeyCapable?: boolean;
  /** An upstream identity waiting for this existing user to prove the account (then linked). */
  pendingLink?: { userId: string; connectionId: string; profile: UpstreamProfile };
  /** At `consent` and `device_confirm`: the sign-in awaiting the answer (its session is re-read). */
  signedIn?: { sessionId: string; amr: string[]; acr: string | null; authTime: number };
}

/** Parks the interaction bound to the browser's CSRF secret; returns its id for the next form. */
export async function parkInteraction(
  c: Context<PageEnv>,
  state: Interaction,
  csrf: string,
  now: number,
  id: string = randomToken(24),
): Promise<string> {
  await issuerStore(c.env, c.get("issuer").id).saveLoginRequest(
    id,
    JSON.stringify(state),
    await sha256Hex(csrf),
    now + LOGIN_REQUEST_TTL_MS,
  );
  return id;
}

/** The live interaction a form names, after its CSRF check; an expired one is a 400 page. */
export async function openInteraction(
  c: Context<PageEnv>,
  form: URLSearchParams,
  now: number,
): Promise<{ id: string; state: Interaction; csrf: string }> {
  const id = form.get("request_id") ?? "";
  const parked = id ? await issuerStore(c.env, c.get("issuer").id).loadLoginRequest(id, now) : null;
  if (!parked)
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.common.expired,
    );
  const state = JSON.parse(parked.payload) as Interaction;
  useLocale(c, state.request?.uiLocales);
  const csrf = form.get("csrf_token") ?? "";
  await verifyCsrf(c, csrf, parked.csrfHash, (t) => t.signIn.signInRefused).catch(async (error) => {
    throw error instanceof PageError ? error.withBack(await wayBack(c, state.request)) : error;
  });
  return { id, state, csrf };
}

/** A fresh interaction id, for a step that must name its successor before it exists. */
export function newInteractionId(): string {
  return randomToken(24);
}

/** Moves to the next step: the old id stops working, so a step cannot be replayed. */
export async function advanceInteraction(
  c: Context<PageEnv>,
  id: string,
  next: Interaction,
  csrf: string,
  now: number,
  nextId: string = newInteractionId(),
): Promise<string> {
  await issuerStore(c.env, c.get("issuer").id).deleteLoginRequest(id);
  return parkInteraction(c, next, csrf, now, nextId);
}

/** Ends the interaction once the sign-in is done. */
export async function closeInteraction(c: Context<PageEnv>, id: string): Promise<void> {
  await issuerStore(c.env, c.get("issuer").id).deleteLoginRequest(id);
}
