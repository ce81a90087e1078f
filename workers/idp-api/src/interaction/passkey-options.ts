import { createDb } from "@authpi/domain/db";
import { isDomainError } from "@authpi/domain/errors";
import { loadSignInPolicy } from "@authpi/domain/login";
import { passkeyAuthenticationOptions, passkeyRegistrationOptions } from "@authpi/domain/passkeys";
import type { Context } from "hono";
import type { PageEnv } from "./contract.ts";
import { passkeyDeps } from "./passkey-deps.ts";
import type { Interaction } from "./state.ts";

const NO_REQUIREMENTS = { acrValues: [], maxAge: null, prompt: [], org: null };

/**
 * The relying party for the page's ceremony, or null when the method's `rp_id` no longer fits
 * `IDP_BASE_URL` (changed since the Core API accepted it): the page then offers no passkey and
 * the other methods still work (docs/sign-in-methods.md).
 */
async function usableDeps(c: Context<PageEnv>) {
  return passkeyDeps(c).catch((error: unknown) => {
    if (isDomainError(error)) return null;
    throw error;
  });
}

/** Whether this issuer's passkey settings fit the deployment (a ceremony can run). */
export async function passkeysUsable(c: Context<PageEnv>): Promise<boolean> {
  return (await usableDeps(c)) !== null;
}

/** Whether the issuer has passkeys (`webauthn`) enabled. */
export async function passkeysEnabled(c: Context<PageEnv>, state: Pick<Interaction, "request">) {
  const db = createDb(c.env.DB);
  const policy = await loadSignInPolicy(
    db,
    c.get("issuer"),
    state.request ?? NO_REQUIREMENTS,
    null,
  );
  return policy.passkeys;
}

type Step = { id: string; csrf: string; state: Pick<Interaction, "request"> };

/** The login page's passkey form (a fresh single-use challenge), or null when passkeys are off. */
export async function passkeySignIn(c: Context<PageEnv>, step: Step, now: number) {
  if (!(await passkeysEnabled(c, step.state))) return null;
  const deps = await usableDeps(c);
  if (!deps) return null;
  return {
    action: `/${c.get("issuer").id}/login/passkey`,
    requestId: step.id,
    csrfToken: step.csrf,
    options: await passkeyAuthenticationOptions(deps, now),
  };
}

/** An "add a passkey" form for this user (enrollment by default), or null when passkeys are off. */
export async function passkeyRegistration(
  c: Context<PageEnv>,
  step: Step,
  userId: string,
  now: number,
  action = `/${c.get("issuer").id}/login/enroll/passkey`,
) {
  if (!(await passkeysEnabled(c, step.state))) return null;
  const deps = await usableDeps(c);
  if (!deps) return null;
  return {
    action,
    requestId: step.id,
    csrfToken: step.csrf,
    options: await passkeyRegistrationOptions(deps, userId, now),
  };
}
