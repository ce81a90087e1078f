import { toHex, utf8 } from "../crypto/encoding.ts";
import { randomToken } from "../crypto/hash.ts";
import { type RandomBytes, randomString } from "../crypto/random-string.ts";

/** A verification email's link and code work for 24 hours (docs/decisions/signup.md). */
export const VERIFICATION_TTL_MS = 24 * 3_600_000;
/** Sends per user: at most one a minute and five an hour. */
export const RESEND_LIMITS = [
  { windowMs: 60_000, max: 1 },
  { windowMs: 3_600_000, max: 5 },
] as const;

/** The secrets of one verification email: a 256-bit link token and a 6-digit code. */
export function newVerificationSecrets(randomBytes?: RandomBytes): { token: string; code: string } {
  return { token: randomToken(32), code: randomString(6, "0123456789", randomBytes) };
}

/**
 * When the next email may go, given the earlier sends' times: null when now, else the time
 * the oldest send inside a full window leaves it.
 */
export function nextSendAt(sentAt: readonly number[], now: number): number | null {
  let next: number | null = null;
  for (const limit of RESEND_LIMITS) {
    const inWindow = sentAt.filter((t) => t > now - limit.windowMs).sort((a, b) => b - a);
    if (inWindow.length < limit.max) continue;
    const freedAt = (inWindow[limit.max - 1] as number) + limit.windowMs;
    next = Math.max(next ?? 0, freedAt);
  }
  return next;
}

/**
 * The code's digest as the store keeps it: HMAC-SHA-256 under the deployment secret, bound to
 * the user, so a copy of the store cannot be searched for the million possible codes.
 */
export async function verificationCodeDigest(
  secret: string,
  userId: string,
  code: string,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    utf8(`email-verification\u0000${secret}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, utf8(`${userId}\u0000${code}`));
  return toHex(new Uint8Array(mac));
}

/** A typed code: six digits, spaces and dashes ignored; anything else never matches. */
export function normalizeCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}
