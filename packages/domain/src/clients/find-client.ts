import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { clients } from "../db/schema.ts";
import type { ClientRow } from "./client-wire.ts";

/** A client of this issuer, or undefined (a client id of another issuer is unknown here). */
export function findClient(
  db: Db,
  issuerId: string,
  clientId: string,
): Promise<ClientRow | undefined> {
  return db.query.clients.findFirst({
    where: and(eq(clients.id, clientId), eq(clients.issuerId, issuerId)),
  });
}
