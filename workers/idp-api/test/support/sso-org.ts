import { accountDomains } from "@authpi/domain/db";
import {
  addSsoDomain,
  CreateOrganizationInput,
  createOrganization,
} from "@authpi/domain/organizations";
import { CreateUserInput, createUser } from "@authpi/domain/users";
import { and, eq } from "drizzle-orm";
import type { Seeded } from "./login-flow.ts";

/**
 * An organization of the seeded issuer with an OIDC SSO connection to `idp` claiming `host`;
 * `verified` marks the account's domain verified as its TXT check would (the Core API tests
 * prove the check itself against a DoH resolver).
 */
export async function ssoOrganization(
  seeded: Seeded,
  sealKey: string,
  options: {
    host: string;
    ssoOnly?: boolean;
    verified?: boolean;
    idp?: string;
    name?: string;
    defaultScopes?: string[];
  },
) {
  const input = CreateOrganizationInput.parse({
    name: options.name ?? "Acme",
    ...(options.defaultScopes ? { default_member_scopes: options.defaultScopes } : {}),
    sso: {
      enabled: true,
      sso_only: options.ssoOnly ?? false,
      protocol: "oidc",
      oidc: {
        issuer: options.idp ?? "https://login.acme.example",
        client_id: "authpi-edge",
        client_secret: "acme-idp-issued-secret",
      },
    },
  });
  const org = await createOrganization(seeded.db, seeded.ctx, seeded.issuer.id, input, sealKey);
  await addSsoDomain(seeded.db, seeded.ctx, seeded.issuer.id, org.id, { domain: options.host });
  if (options.verified ?? true) {
    await seeded.db
      .update(accountDomains)
      .set({ verifiedAt: seeded.ctx.now })
      .where(
        and(eq(accountDomains.accountId, seeded.accountId), eq(accountDomains.host, options.host)),
      );
  }
  return org;
}

/** A fresh email domain of the tests' own (D1 is shared by a file's tests; a domain has one owner). */
export function freshHost(label = "acme"): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}.example`;
}

/** A user of the seeded issuer at `host` with the seeded password. */
export function userAt(seeded: Seeded, host: string, local = "alice") {
  return createUser(
    seeded.db,
    seeded.ctx,
    seeded.issuer.id,
    CreateUserInput.parse({
      username_type: "email",
      username: `${local}@${host}`,
      password: seeded.password,
    }),
  );
}
