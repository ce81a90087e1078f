import { and, eq } from "drizzle-orm";
import { newSecret } from "../api-keys/api-key-secret.ts";
import type { ClientRow } from "../clients/client-wire.ts";
import { deleteClient, getClient } from "../clients/manage-clients.ts";
import { sha256Hex, timingSafeEqual } from "../crypto/hash.ts";
import type { Db } from "../db/client.ts";
import { clientRegistrations } from "../db/schema.ts";
import { DomainError, isDomainError } from "../errors.ts";
import type { MutationContext } from "../events/event.ts";

/** The plaintext prefix of a registration access token (docs/decisions/client-registration.md). */
export const REGISTRATION_ACCESS_PREFIX = "rat_";

/** A new registration access token and the row that keeps its hash (RFC 7592 §1). */
export async function newRegistrationAccess(clientId: string, issuerId: string, now: number) {
  const secret = await newSecret(REGISTRATION_ACCESS_PREFIX);
  const row = { clientId, issuerId, accessTokenHash: secret.hash, createdAt: now };
  return { plain: secret.plain, row };
}

export function saveRegistrationAccess(db: Db, row: typeof clientRegistrations.$inferInsert) {
  return db.insert(clientRegistrations).values(row);
}

// RFC 7592 §2.1: an unknown client and a wrong token are one answer, so nothing leaks.
const refused = () =>
  new DomainError("INVALID_TOKEN", "the registration access token is not valid for this client");

/** The client whose registration `bearer` manages, or `invalid_token` (RFC 7592 §2). */
export async function authorizedRegistration(
  db: Db,
  issuerId: string,
  clientId: string,
  bearer: string | null,
): Promise<ClientRow> {
  if (!bearer) throw refused();
  const [row] = await db
    .select()
    .from(clientRegistrations)
    .where(
      and(eq(clientRegistrations.clientId, clientId), eq(clientRegistrations.issuerId, issuerId)),
    );
  if (!row || !timingSafeEqual(await sha256Hex(bearer), row.accessTokenHash)) throw refused();
  try {
    return await getClient(db, issuerId, clientId);
  } catch (error) {
    if (isDomainError(error) && error.code === "NOT_FOUND") throw refused();
    throw error;
  }
}

/**
 * Deletes a registration (RFC 7592 §2.3): first the access token, then the client with its
 * `client.deleted` event (the client as actor); a failure in between leaves a client only the
 * Core API can delete, never a token that still works.
 */
export async function deleteRegistration(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  clientId: string,
  bearer: string | null,
): Promise<void> {
  await authorizedRegistration(db, issuerId, clientId, bearer);
  await db.delete(clientRegistrations).where(eq(clientRegistrations.clientId, clientId));
  await deleteClient(db, { ...ctx, actor: { type: "client", id: clientId } }, issuerId, clientId);
}
