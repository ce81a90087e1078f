import type { ClientRow } from "./client-wire.ts";

/**
 * A client built in code and never stored (the issuer's portal, a client from its metadata
 * document): active, no secret (so no secret authenticates it), no description or metadata.
 */
export function unstoredClient(
  fields: Pick<
    ClientRow,
    "id" | "accountId" | "issuerId" | "type" | "name" | "logoUrl" | "settings"
  >,
): ClientRow {
  return {
    ...fields,
    description: null,
    status: "active",
    statusAt: null,
    secretHash: null,
    secretHint: null,
    secretRotatedAt: null,
    previousSecretHash: null,
    previousSecretExpiresAt: null,
    metadata: {},
    createdAt: 0,
    updatedAt: null,
  } as ClientRow;
}
