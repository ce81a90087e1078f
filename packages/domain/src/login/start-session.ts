import { randomToken, sha256Hex } from "../crypto/hash.ts";
import { insertRows, runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events } from "../db/schema.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { issuerSettings } from "../issuers/issuer-settings.ts";
import type { IssuerRow } from "../issuers/issuer-wire.ts";
import type { IssuerStoreRpc, SessionView } from "../oauth/issuer-store-contract.ts";
import { inShard, shardForUser } from "../oauth/shard-routing.ts";
import type { UserRow } from "../users/user-wire.ts";

/**
 * Opens the SSO (op) session after a successful login and records `user.verification.succeeded`
 * and `session.created`. Returns the cookie value `{session id}.{secret}`; only the secret's
 * SHA-256 is stored.
 */
export async function startSession(
  deps: {
    db: Db;
    store: IssuerStoreRpc;
    issuer: IssuerRow;
    ctx: MutationContext;
    /** The client the user signs in to, when there is one (its events then carry `client_id`). */
    clientId?: string | null;
  },
  user: UserRow,
  method: string,
  /** The factors passed (RFC 8176). */
  amr: string[] = ["pwd"],
): Promise<{ session: SessionView; cookie: string }> {
  const { ctx } = deps;
  const limits = issuerSettings(deps.issuer.settings).access.sessions;
  const secret = randomToken(32);
  const device = ctx.request
    ? { ip: ctx.request.ip ?? null, user_agent: ctx.request.user_agent ?? null }
    : null;
  const session = await deps.store.createOpSession(
    {
      id: inShard(newId("session", ctx.now), "id", shardForUser(user.id, limits.store_shards ?? 1)),
      userId: user.id,
      authMethod: method,
      amr,
      authTime: ctx.now,
      maxAgeMs: limits.max_age * 1000,
      idleTimeoutMs: limits.idle_timeout * 1000,
      secretHash: await sha256Hex(secret),
      device,
    },
    ctx.now,
  );
  await runBatch(
    deps.db,
    insertRows(deps.db, events, [
      buildEventRow(ctx, {
        type: "user.verification.succeeded",
        issuerId: deps.issuer.id,
        subject: { type: "user", id: user.id },
        data: { method, client_id: deps.clientId ?? null },
      }),
      buildEventRow(
        { ...ctx, now: ctx.now + 1 },
        {
          type: "session.created",
          issuerId: deps.issuer.id,
          subject: { type: "session", id: session.id },
          data: {
            user_id: user.id,
            type: "op",
            method,
            expires_at: session.expiresAt,
            client_id: deps.clientId ?? null,
          },
        },
      ),
    ]),
  );
  return { session, cookie: `${session.id}.${secret}` };
}

/** Splits a session cookie into the id and the secret's hash, or null when malformed. */
export async function parseSessionCookie(
  value: string | undefined,
): Promise<{ id: string; secretHash: string } | null> {
  const match = /^(s_[0-9a-z]{20,40})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!match?.[1] || !match[2]) return null;
  return { id: match[1], secretHash: await sha256Hex(match[2]) };
}
