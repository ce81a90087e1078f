import { DomainError, isDomainError } from "@authpi/domain/errors";
import type { ClientCredentials, PresentedCredentials } from "@authpi/domain/oauth";
import { Refusals, sourceAddress } from "@authpi/domain/throttle";
import type { Env } from "../env.ts";

/** The period of both limiters in wrangler.toml: a refused source waits at most this long. */
const WINDOW_MS = 60_000;

const refusals = new Refusals();

function tooMany(ms: number): DomainError {
  return new DomainError(
    "RATE_LIMITED",
    "Too many failed client authentications from this address; try again later",
    { retryAfter: Math.ceil(ms / 1000) },
  );
}

/**
 * The client id a request claims, for counting only, never trusted: the one it presented, or
 * when it presented its credentials wrongly, the body's `client_id`.
 */
function claimedClientId(
  credentials: ClientCredentials,
  presented: PresentedCredentials | DomainError,
): string | null {
  return presented instanceof DomainError ? (credentials.clientId ?? null) : presented.clientId;
}

/**
 * Runs client authentication under the per-client and per-source limits on failures. A
 * source over either limit is answered 429 with `Retry-After` (RFC 6585 §4) before its
 * credentials are checked, so a right secret is refused too and a guess learns nothing.
 * Only that source is refused: the client itself keeps working from everywhere else.
 */
export async function throttleClientAuth<T>(
  at: { env: Env; issuerId: string; ip: string | undefined; now: number },
  credentials: ClientCredentials,
  presented: PresentedCredentials | DomainError,
  authenticate: () => Promise<T>,
): Promise<T> {
  const { env, now } = at;
  const source = `${at.issuerId}|${sourceAddress(at.ip)}`;
  const claimed = claimedClientId(credentials, presented);
  const client = claimed === null ? null : `${source}|${claimed}`;
  const until = Math.max(
    refusals.refusedUntil(source, now) ?? 0,
    client === null ? 0 : (refusals.refusedUntil(client, now) ?? 0),
  );
  if (until > now) throw tooMany(until - now);
  try {
    return await authenticate();
  } catch (error) {
    if (!isDomainError(error) || error.code !== "INVALID_CLIENT") throw error;
    const [perSource, perClient] = await Promise.all([
      env.SOURCE_AUTH_LIMITER.limit({ key: source }),
      client === null ? { success: true } : env.CLIENT_AUTH_LIMITER.limit({ key: client }),
    ]);
    if (perSource.success && perClient.success) throw error;
    if (!perSource.success) refusals.refuse(source, now + WINDOW_MS);
    if (!perClient.success && client !== null) refusals.refuse(client, now + WINDOW_MS);
    throw tooMany(WINDOW_MS);
  }
}
