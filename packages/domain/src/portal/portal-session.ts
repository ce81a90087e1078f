import { z } from "zod";
import { randomToken, timingSafeEqual } from "../crypto/hash.ts";
import { open, seal } from "../crypto/sealed-box.ts";

/** A portal session lasts 15 minutes; the op session it is bound to must stay live too. */
export const PORTAL_SESSION_TTL_MS = 15 * 60_000;
/** Sensitive changes need a sign-in at most 5 minutes old (docs/decisions/portal.md). */
export const STEP_UP_MS = 5 * 60_000;
/** The sign-in round trip (state and PKCE verifier) must come back within 10 minutes. */
export const PORTAL_SIGN_IN_TTL_MS = 10 * 60_000;

const SESSION_PURPOSE = "portal-session";
const SIGN_IN_PURPOSE = "portal-sign-in";

const PortalSession = z.object({
  /** The op (SSO) session the portal was signed in from. */
  sid: z.string(),
  sub: z.string(),
  issuerId: z.string(),
  /** Milliseconds: when the user last proved who they are. */
  authTime: z.number(),
  amr: z.array(z.string()),
  /** The CSRF secret every form of this portal session carries. */
  csrf: z.string(),
  expiresAt: z.number(),
});
export type PortalSession = z.output<typeof PortalSession>;

const PortalSignIn = z.object({
  issuerId: z.string(),
  state: z.string(),
  verifier: z.string(),
  expiresAt: z.number(),
});
export type PortalSignIn = z.output<typeof PortalSignIn>;

async function openAs<T>(schema: z.ZodType<T>, key: string, purpose: string, value?: string) {
  if (!value) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(await open(key, purpose, value)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The sealed cookie value of a new portal session (AES-GCM: neither readable nor forgeable). */
export function sealPortalSession(
  key: string,
  grant: Omit<PortalSession, "csrf" | "expiresAt">,
  now: number,
): Promise<string> {
  const session = { ...grant, csrf: randomToken(32), expiresAt: now + PORTAL_SESSION_TTL_MS };
  return seal(key, SESSION_PURPOSE, JSON.stringify(session));
}

/** The portal session of a cookie, when sealed by us for this issuer and not expired. */
export async function openPortalSession(
  key: string,
  issuerId: string,
  value: string | undefined,
  now: number,
): Promise<PortalSession | null> {
  const session = await openAs(PortalSession, key, SESSION_PURPOSE, value);
  return session && session.issuerId === issuerId && session.expiresAt > now ? session : null;
}

/** A new sign-in round trip: the `state` and PKCE verifier (RFC 7636 §4.1), sealed for a cookie. */
export async function startPortalSignIn(key: string, issuerId: string, now: number) {
  const signIn: PortalSignIn = {
    issuerId,
    state: randomToken(16),
    verifier: randomToken(32),
    expiresAt: now + PORTAL_SIGN_IN_TTL_MS,
  };
  return { signIn, cookie: await seal(key, SIGN_IN_PURPOSE, JSON.stringify(signIn)) };
}

/** The pending round trip of a cookie, when its `state` is the one that came back. */
export async function openPortalSignIn(
  key: string,
  issuerId: string,
  value: string | undefined,
  state: string,
  now: number,
): Promise<PortalSignIn | null> {
  const signIn = await openAs(PortalSignIn, key, SIGN_IN_PURPOSE, value);
  if (!signIn || signIn.issuerId !== issuerId || signIn.expiresAt <= now) return null;
  return state !== "" && timingSafeEqual(signIn.state, state) ? signIn : null;
}

/** Whether the form's token is this portal session's CSRF secret (double submit, RFC 6749 §10.12). */
export function portalCsrfMatches(session: PortalSession, submitted: string): boolean {
  return submitted !== "" && timingSafeEqual(session.csrf, submitted);
}

/**
 * Whether the last sign-in is recent enough for a sensitive change: within {@link STEP_UP_MS},
 * and with both factors when the user has a second factor.
 */
export function isSteppedUp(session: PortalSession, hasSecondFactor: boolean, now: number) {
  const recent = session.authTime + STEP_UP_MS >= now;
  return recent && (!hasSecondFactor || session.amr.includes("mfa"));
}
