import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { agents, clients, consents, events } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { eventInserts } from "../events/record-events.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import { sessionEventRows } from "../sessions/session-events.ts";
import { getUser } from "../users/manage-users.ts";
import type { ConsentRow, ConsentView } from "./consent-wire.ts";

function byKey(issuerId: string, userId: string, clientId: string) {
  return and(
    eq(consents.issuerId, issuerId),
    eq(consents.userId, userId),
    eq(consents.clientId, clientId),
  );
}

/** The consent a user gave a client, or null when none is stored. */
export async function findConsent(
  db: Db,
  issuerId: string,
  userId: string,
  clientId: string,
): Promise<ConsentRow | null> {
  const row = await db.query.consents.findFirst({ where: byKey(issuerId, userId, clientId) });
  return row ?? null;
}

/**
 * Records that the user allowed `scopes` to the client: the stored scopes become the union
 * of the old and the new, and `user.consent.granted` is written in the same batch.
 */
export async function grantConsent(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  userId: string,
  clientId: string,
  scopes: readonly string[],
): Promise<ConsentRow> {
  const current = await findConsent(db, issuerId, userId, clientId);
  const union = [...new Set([...(current?.scopes ?? []), ...scopes])];
  const row: ConsentRow = {
    accountId: ctx.accountId,
    issuerId,
    userId,
    clientId,
    scopes: union,
    grantedAt: current?.grantedAt ?? ctx.now,
    updatedAt: ctx.now,
  };
  await db.batch([
    db
      .insert(consents)
      .values(row)
      .onConflictDoUpdate({
        target: [consents.issuerId, consents.userId, consents.clientId],
        set: { scopes: row.scopes, updatedAt: row.updatedAt },
      }),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "user.consent.granted",
        issuerId,
        subject: { type: "user", id: userId },
        data: { client_id: clientId, scopes: [...scopes], granted_scopes: union },
      }),
    ),
  ]);
  return row;
}

/** The user's consents, each with its client's (or agent's) name and logo, oldest first. */
export async function listConsents(
  db: Db,
  issuerId: string,
  userId: string,
): Promise<ConsentView[]> {
  await getUser(db, issuerId, userId);
  const rows = await db
    .select({
      consent: consents,
      clientName: clients.name,
      clientLogoUrl: clients.logoUrl,
      agentName: agents.name,
    })
    .from(consents)
    .leftJoin(clients, eq(clients.id, consents.clientId))
    .leftJoin(agents, and(eq(agents.id, consents.clientId), eq(agents.issuerId, issuerId)))
    .where(and(eq(consents.issuerId, issuerId), eq(consents.userId, userId)))
    .orderBy(asc(consents.grantedAt), asc(consents.clientId));
  return rows.map((r) => ({
    ...r.consent,
    clientName: r.clientName ?? r.agentName ?? null,
    clientLogoUrl: r.clientLogoUrl ?? null,
  }));
}

/** The issuer store calls revoking needs: ending a client's sessions for one user. */
export type ConsentStore = Pick<IssuerStoreRpc, "endClientSessions">;

/**
 * Withdraws a consent: deletes it and ends the client's rp sessions of that user in the
 * store, so its refresh tokens stop at once; `user.consent.revoked` and the
 * `session.terminated` events go in one batch. The next authorization asks again.
 */
export async function revokeConsent(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  userId: string,
  clientId: string,
  store: ConsentStore,
): Promise<void> {
  await getUser(db, issuerId, userId);
  const row = await findConsent(db, issuerId, userId, clientId);
  if (!row) throw notFound("Consent");
  const ended = await store.endClientSessions(userId, clientId, "consent_revoked", ctx.now);
  await db.batch([
    db.delete(consents).where(byKey(issuerId, userId, clientId)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "user.consent.revoked",
        issuerId,
        subject: { type: "user", id: userId },
        data: { client_id: clientId, scopes: row.scopes, sessions_ended: ended.length },
      }),
    ),
    ...eventInserts(
      db,
      sessionEventRows(ctx, issuerId, "session.terminated", ended, "consent_revoked"),
    ),
  ]);
}
