/**
 * Personal tokens as the issuer's Durable Object keeps them: the record (never the token; the
 * JWT is found again by its `jti`), and the store methods that keep the per-user limit and a
 * revocation atomic inside the object.
 */
export interface PersonalTokenRecord {
  id: string;
  jti: string;
  userId: string;
  name: string;
  description: string | null;
  tags: string[];
  scopes: string[];
  ipAddresses: string[];
  audience: string | null;
  metadata: Record<string, unknown>;
  status: "active" | "revoked";
  statusAt: number;
  statusReason: string | null;
  statusBy: string | null;
  expiresAt: number;
  createdAt: number;
  updatedAt: number | null;
}

export type CreatePersonalTokenResult =
  | { status: "ok" }
  /** The user already holds `max` live tokens. */
  | { status: "limit" }
  /** A live token of this user already has that name. */
  | { status: "name_taken" };

export interface PersonalTokenQuery {
  userId: string;
  /** Tokens with an id below this one (newest first). */
  cursor?: string | undefined;
  limit: number;
  status?: string | undefined;
}

export interface PersonalTokenStore {
  /** Stores a token unless its user already has `max` live ones or a live one of that name. */
  createPersonalToken(
    record: PersonalTokenRecord,
    max: number,
    now: number,
  ): Promise<CreatePersonalTokenResult>;
  /** A user's tokens, newest first; `status` is `active`, `revoked` or `expired` (derived). */
  listPersonalTokens(query: PersonalTokenQuery, now: number): Promise<PersonalTokenRecord[]>;
  getPersonalToken(id: string): Promise<PersonalTokenRecord | null>;
  findPersonalTokenByJti(jti: string): Promise<PersonalTokenRecord | null>;
  /** Revokes for good; a token already revoked comes back unchanged. */
  revokePersonalToken(
    id: string,
    change: { reason: string | null; by: string },
    now: number,
  ): Promise<PersonalTokenRecord | null>;
  deletePersonalToken(id: string): Promise<PersonalTokenRecord | null>;
}
