import type { RateBucket } from "./email-token-store.ts";

/** Emails one address may be sent per window (a reset link or a sign-in code). */
export const EMAILS_PER_ADDRESS = 3;
/** Email requests one source (IPv4 address, IPv6 /64) may make per window, any address. */
export const EMAILS_PER_SOURCE = 10;
export const EMAIL_WINDOW_MS = 15 * 60_000;

/**
 * The buckets one email request counts in: its address (so nobody floods one inbox; counted
 * whether or not an account exists, so a refusal tells nothing) and its source address (so
 * nobody sprays addresses).
 */
export function emailRequestBuckets(
  purpose: string,
  address: string,
  source: string,
): RateBucket[] {
  return [
    { key: `mail:${purpose}:to:${address}`, limit: EMAILS_PER_ADDRESS, windowMs: EMAIL_WINDOW_MS },
    { key: `mail:${purpose}:from:${source}`, limit: EMAILS_PER_SOURCE, windowMs: EMAIL_WINDOW_MS },
  ];
}
