import { and, eq } from "drizzle-orm";
import { inList } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { clients } from "../db/schema.ts";
import type { ClientSettings } from "../values/client-settings.ts";
import type { SessionView } from "./issuer-store-contract.ts";

/** A relying-party session a logout ended, with its client's settings. */
export interface LoggedOutParty {
  session: SessionView;
  clientId: string;
  settings: ClientSettings;
}

/**
 * The relying parties a logout ended sessions of, with their clients' settings, read in one D1
 * query whatever their number (`inList`); sessions of a client that no longer exists are left out.
 */
export async function loggedOutParties(
  db: Db,
  issuerId: string,
  ended: readonly SessionView[],
): Promise<LoggedOutParty[]> {
  const rp = ended.filter((s) => s.type === "rp" && s.clientId !== null);
  const ids = [...new Set(rp.map((s) => s.clientId as string))];
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: clients.id, settings: clients.settings })
    .from(clients)
    .where(and(eq(clients.issuerId, issuerId), inList(clients.id, ids)));
  const byId = new Map(rows.map((row) => [row.id, row.settings]));
  return rp.flatMap((session) => {
    const settings = byId.get(session.clientId as string);
    return settings ? [{ session, clientId: session.clientId as string, settings }] : [];
  });
}
