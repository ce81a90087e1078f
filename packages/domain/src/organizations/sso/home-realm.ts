import { isHostName } from "../../domains/host-name.ts";

/** One organization's claim on an email domain, as the home-realm lookup reads it. */
export interface RealmClaim {
  host: string;
  /** The issuer the claim was made in and the issuer the organization belongs to. */
  claimIssuerId: string;
  orgIssuerId: string;
  /** The account the claim was made by and the account that owns the organization. */
  claimAccountId: string;
  orgAccountId: string;
  orgId: string;
  orgName: string | null;
  orgStatus: string;
  ssoEnabled: boolean;
  ssoOnly: boolean;
  /** When the claiming account verified the domain by its TXT record; null while unverified. */
  domainVerifiedAt: number | null;
}

/** Where a username's sign-in belongs: the organization whose IdP signs it in. */
export interface HomeRealm {
  orgId: string;
  orgName: string | null;
  host: string;
  ssoOnly: boolean;
}

/**
 * The email domain of a username, lowercased, or null when the username is not an email
 * (`local@host`, exactly one `@`, a DNS host name of ASCII labels): phone numbers and plain
 * names never have a home realm, and nothing is guessed from a malformed address.
 */
export function emailDomainOf(username: string): string | null {
  const trimmed = username.trim();
  const parts = trimmed.split("@");
  if (parts.length !== 2) return null;
  const [local, host] = parts as [string, string];
  if (!local || /\s/.test(local)) return null;
  const lowered = host.toLowerCase();
  return isHostName(lowered) ? lowered : null;
}

/**
 * Home-realm discovery: the organization of `issuerId` that signs in `username` with its own
 * IdP. Only an exact match of the email domain counts (no parent domain, no suffix), and only
 * a claim that is made in this issuer, by the account owning the organization, on a domain that
 * account has verified, for an active organization with SSO on. Anything else is no realm, so
 * the ordinary sign-in applies.
 */
export function homeRealm(
  username: string,
  issuerId: string,
  claims: readonly RealmClaim[],
): HomeRealm | null {
  const host = emailDomainOf(username);
  if (!host) return null;
  const claim = claims.find(
    (c) =>
      c.host === host &&
      c.claimIssuerId === issuerId &&
      c.orgIssuerId === issuerId &&
      c.claimAccountId === c.orgAccountId &&
      c.domainVerifiedAt !== null &&
      c.orgStatus === "active" &&
      c.ssoEnabled,
  );
  if (!claim) return null;
  return { orgId: claim.orgId, orgName: claim.orgName, host, ssoOnly: claim.ssoOnly };
}
