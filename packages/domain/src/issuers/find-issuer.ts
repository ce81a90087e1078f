import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { issuers } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import type { IssuerRow } from "./issuer-wire.ts";

/** An issuer of one account; another account's issuer is a 404 so ids don't leak. */
export async function getAccountIssuer(
  db: Db,
  accountId: string,
  issuerId: string,
): Promise<IssuerRow> {
  const row = await db.query.issuers.findFirst({
    where: and(eq(issuers.id, issuerId), eq(issuers.accountId, accountId)),
  });
  if (!row) throw notFound("Issuer");
  return row;
}

/** An issuer that serves OIDC (status `active`), for the IdP API. */
export async function getActiveIssuer(db: Db, issuerId: string): Promise<IssuerRow> {
  const row = await db.query.issuers.findFirst({ where: eq(issuers.id, issuerId) });
  if (row?.status !== "active") throw notFound("Issuer");
  return row;
}
