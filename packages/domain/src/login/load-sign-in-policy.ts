import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { OrganizationClaims } from "../clients/client-settings.ts";
import type { Db } from "../db/client.ts";
import { authMethods, memberships, organizations } from "../db/schema.ts";
import { issuerSettings } from "../issuers/issuer-settings.ts";
import type { IssuerRow } from "../issuers/issuer-wire.ts";
import type { AuthorizeRequest } from "../oauth/authorize-request.ts";
import { type SignInPolicy, signInPolicy } from "./sign-in-policy.ts";

/**
 * An organization demands MFA with `security.enforce_2fa` (as the Core API stores it) or
 * AuthPI's flat `enforce_2fa`: either one true is enough.
 */
export function enforcesMfa(settings: Record<string, unknown>): boolean {
  const security = settings.security as Record<string, unknown> | undefined;
  return security?.enforce_2fa === true || settings.enforce_2fa === true;
}

/**
 * The organizations of a sign-in that enforce MFA: those its token's `organizations` claim
 * would carry (active memberships of active organizations, narrowed by `org=` and the
 * client's organizations setting).
 */
export async function enforcingOrganizations(
  db: Db,
  issuerId: string,
  userId: string,
  options: { orgId: string | null; policy: z.output<typeof OrganizationClaims> },
): Promise<string[]> {
  if (options.policy.mode === "none") return [];
  const rows = await db
    .select({ id: organizations.id, settings: organizations.settings })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(
      and(
        eq(memberships.issuerId, issuerId),
        eq(memberships.memberId, userId),
        eq(memberships.status, "active"),
        eq(organizations.status, "active"),
      ),
    );
  return rows
    .filter((row) => options.orgId === null || row.id === options.orgId)
    .filter((row) => options.policy.mode === "all" || options.policy.allowlist.includes(row.id))
    .filter((row) => enforcesMfa(row.settings))
    .map((row) => row.id)
    .sort();
}

/**
 * The sign-in policy of a request for an issuer, and, once the user is known, for that user
 * (their enforcing organizations); reads the issuer's enabled auth methods from D1.
 */
export async function loadSignInPolicy(
  db: Db,
  issuer: IssuerRow,
  request: Pick<AuthorizeRequest, "acrValues" | "maxAge" | "prompt" | "org">,
  user: { id: string; organizations: z.output<typeof OrganizationClaims> } | null,
): Promise<SignInPolicy> {
  const [methods, enforcing] = await Promise.all([
    db
      .select({ method: authMethods.method, firstFactorOnly: authMethods.firstFactorOnly })
      .from(authMethods)
      .where(and(eq(authMethods.issuerId, issuer.id), eq(authMethods.enabled, true))),
    user
      ? enforcingOrganizations(db, issuer.id, user.id, {
          orgId: request.org,
          policy: user.organizations,
        })
      : Promise.resolve([]),
  ]);
  return signInPolicy({
    methods,
    secondFactor: issuerSettings(issuer.settings).authentication.second_factor ?? "optional",
    enforcingOrganizations: enforcing,
    acrValues: request.acrValues ?? [],
    maxAge: request.maxAge,
    prompt: request.prompt,
    verifyEmail: issuerSettings(issuer.settings).verify_email_address_on_signup,
  });
}
