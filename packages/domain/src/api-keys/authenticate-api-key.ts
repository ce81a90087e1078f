import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { apiKeys } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { secretMatches } from "./api-key-secret.ts";

export interface ApiKeyPrincipal {
  keyId: string;
  accountId: string;
  orgId: string;
  issuerId: string | null;
  scopes: string[];
}

const INVALID = "Invalid or missing API key credentials";

/** Reads `Authorization: Basic base64(key_id:key_secret)` (docs/decisions/wire-contract.md §2). */
export function parseBasicAuth(
  header: string | null | undefined,
): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return null;
  let decoded: string;
  try {
    decoded = atob(match[1]);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * Authenticates an API key. Every failure is the same 401 so callers learn nothing about
 * which part was wrong; the secret is hashed even for unknown ids to keep timing flat.
 */
export async function authenticateApiKey(
  db: Db,
  authorization: string | null | undefined,
  now: number,
): Promise<ApiKeyPrincipal> {
  const credentials = parseBasicAuth(authorization);
  if (!credentials) throw new DomainError("UNAUTHENTICATED", INVALID);
  const key = await db.query.apiKeys.findFirst({ where: eq(apiKeys.id, credentials.id) });
  const ok = await secretMatches(
    credentials.secret,
    {
      hash: key?.secretHash ?? "0".repeat(64),
      previousHash: key?.previousSecretHash,
      previousExpiresAt: key?.previousSecretExpiresAt,
    },
    now,
  );
  if (!key || !ok) throw new DomainError("UNAUTHENTICATED", INVALID);
  if (key.status !== "active") throw new DomainError("UNAUTHENTICATED", `API key is ${key.status}`);
  if (key.expiresAt !== null && key.expiresAt <= now) {
    throw new DomainError("UNAUTHENTICATED", "API key has expired");
  }
  return {
    keyId: key.id,
    accountId: key.accountId,
    orgId: key.orgId,
    issuerId: key.issuerId,
    scopes: key.scopes,
  };
}
