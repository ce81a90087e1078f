import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { issuers } from "../db/schema.ts";
import { recordEvents } from "../events/record-events.ts";
import type { SessionView } from "../oauth/issuer-store-contract.ts";
import { sessionEventRows } from "./session-events.ts";

/** The issuer a store object serves, from its name (`{issuerId}` or `{issuerId}#{shard}`). */
export function issuerOfStoreName(name: string | undefined): string | null {
  const issuerId = name?.split("#")[0];
  return issuerId ? issuerId : null;
}

/**
 * One `session.expired` event per session the store's alarm ended (its absolute or idle limit,
 * or its op session's), with the reason, written to the outbox in one batch whatever their
 * number; the relay then delivers them like every event. An issuer deleted meanwhile gets none.
 */
export async function recordSessionExpiries(
  db: Db,
  issuerId: string,
  expired: readonly { session: SessionView; reason: string }[],
  now: number,
): Promise<void> {
  if (expired.length === 0) return;
  const issuer = await db.query.issuers.findFirst({
    where: eq(issuers.id, issuerId),
    columns: { accountId: true },
  });
  if (!issuer) return;
  const ctx = {
    now,
    accountId: issuer.accountId,
    actor: { type: "system" as const, id: null },
    source: "idp-api" as const,
  };
  await recordEvents(
    db,
    expired.flatMap(({ session, reason }) =>
      sessionEventRows(ctx, issuerId, "session.expired", [session], reason),
    ),
  );
}
