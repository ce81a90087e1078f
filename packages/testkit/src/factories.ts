import { createAccount } from "@authpi/domain/accounts";
import { CreateClientInput, createClient } from "@authpi/domain/clients";
import { createDb, type Db } from "@authpi/domain/db";
import type { MutationContext } from "@authpi/domain/events";
import { createIssuer } from "@authpi/domain/issuers";
import { CreateUserInput, createUser } from "@authpi/domain/users";

/** A mutation context as a Core API request with this key would make. */
export function apiKeyContext(accountId: string, keyId: string, now = Date.now()): MutationContext {
  return { now, accountId, actor: { type: "api_key", id: keyId }, source: "core-api" };
}

export interface SeededAccount {
  db: Db;
  accountId: string;
  keyId: string;
  secret: string;
  /** `Authorization` header value for this account's owner key. */
  basicAuth: string;
  ctx: MutationContext;
}

/** Creates an account with an owner API key in the given D1 database. */
export async function seedAccount(d1: D1Database, now = Date.now()): Promise<SeededAccount> {
  const db = createDb(d1);
  const { account, apiKey, secret } = await createAccount(db, { name: "Test account", now });
  return {
    db,
    accountId: account.id,
    keyId: apiKey.id,
    secret,
    basicAuth: `Basic ${btoa(`${apiKey.id}:${secret}`)}`,
    ctx: apiKeyContext(account.id, apiKey.id, now),
  };
}

/** An account with an issuer, a web client, a SPA client and a user with a password. */
export async function seedIssuer(d1: D1Database, now = Date.now()) {
  const account = await seedAccount(d1, now);
  const issuer = await createIssuer(account.db, account.ctx, { name: "test-issuer" });
  const web = await createClient(
    account.db,
    account.ctx,
    issuer.id,
    CreateClientInput.parse({
      name: "web",
      type: "web",
      settings: { redirect_uris: ["https://app.example.com/callback"] },
    }),
  );
  const spa = await createClient(
    account.db,
    account.ctx,
    issuer.id,
    CreateClientInput.parse({
      name: "spa",
      type: "spa",
      settings: { redirect_uris: ["http://localhost:5173/callback"] },
    }),
  );
  const password = "correct horse battery staple";
  const user = await createUser(
    account.db,
    account.ctx,
    issuer.id,
    CreateUserInput.parse({ username_type: "email", username: "Alice@Example.com", password }),
  );
  return { ...account, issuer, web, spa, user, password };
}
