import { createDb } from "@authpi/domain/db";
import type { IssuerRow } from "@authpi/domain/issuers";
import { getAccountIssuer } from "@authpi/domain/issuers";
import type { Context } from "hono";
import type { AppEnv } from "./env.ts";
import { mutationContext } from "./mutation-context.ts";

/** The `{issuer_id}` of the path, as an issuer of the caller's account (another's is a 404). */
export function callerIssuer(c: Context<AppEnv>, issuerId: string): Promise<IssuerRow> {
  return getAccountIssuer(createDb(c.env.DB), c.var.principal.accountId, issuerId);
}

export async function callerIssuerId(c: Context<AppEnv>, issuerId: string): Promise<string> {
  return (await callerIssuer(c, issuerId)).id;
}

/** What an issuer-scoped handler works with: the database, who is changing things, the issuer. */
export async function issuerScope(c: Context<AppEnv>, issuerId: string) {
  return {
    db: createDb(c.env.DB),
    ctx: mutationContext(c),
    issuerId: await callerIssuerId(c, issuerId),
  };
}
