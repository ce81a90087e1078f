import { open, randomToken, seal, sha256Hex } from "@authpi/domain/crypto";
import type { UpstreamAttempt } from "@authpi/domain/upstream";
import type { Context } from "hono";
import { issuerStore } from "../store.ts";
import type { PageEnv } from "./contract.ts";

/** An upstream round trip may take this long (issue 17: about 10 minutes). */
export const UPSTREAM_ATTEMPT_TTL_MS = 10 * 60_000;
const PURPOSE = "upstream-attempt";

/** What the issuer store keeps of an attempt, sealed: the attempt and the browser it belongs to. */
interface SealedAttempt {
  attempt: UpstreamAttempt;
  /** SHA-256 of the browser's CSRF secret: the callback must come back to the same browser. */
  browserHash: string;
}

export function callbackUrl(c: Context<PageEnv>): string {
  return `${c.get("issuerUrl")}/upstream/callback`;
}

/** A fresh attempt (state, nonce and PKCE verifier of 32 random bytes each, RFC 7636 §4.1) saved once. */
export async function saveAttempt(
  c: Context<PageEnv>,
  p: { connectionId: string; loginRequestId: string; csrf: string },
): Promise<UpstreamAttempt> {
  const now = c.get("now");
  const attempt: UpstreamAttempt = {
    connectionId: p.connectionId,
    state: randomToken(32),
    nonce: randomToken(32),
    codeVerifier: randomToken(32),
    redirectUri: callbackUrl(c),
    loginRequestId: p.loginRequestId,
    expiresAt: now + UPSTREAM_ATTEMPT_TTL_MS,
  };
  const record: SealedAttempt = { attempt, browserHash: await sha256Hex(p.csrf) };
  const sealed = await seal(c.env.KEY_ENCRYPTION_SECRET, PURPOSE, JSON.stringify(record));
  await issuerStore(c.env, c.get("issuer").id).saveUpstreamAttempt(
    await sha256Hex(attempt.state),
    sealed,
    attempt.expiresAt,
  );
  return attempt;
}

export type TakenAttempt =
  | { status: "ok"; attempt: UpstreamAttempt; browserHash: string }
  | { status: "replayed" | "expired" | "unknown" };

/** Takes the attempt a callback's `state` names, once. */
export async function takeAttempt(c: Context<PageEnv>, state: string): Promise<TakenAttempt> {
  const store = issuerStore(c.env, c.get("issuer").id);
  const taken = await store.consumeUpstreamAttempt(await sha256Hex(state), c.get("now"));
  if (taken.status !== "ok") return taken;
  const record = JSON.parse(
    await open(c.env.KEY_ENCRYPTION_SECRET, PURPOSE, taken.payload),
  ) as SealedAttempt;
  return { status: "ok", ...record };
}
