import type { accountDomains } from "../db/schema.ts";

export type AccountDomainRow = typeof accountDomains.$inferSelect;

/** Where the verification TXT record goes: a label of its own, so it disturbs no other record. */
export function txtRecordName(host: string): string {
  return `_authpi-challenge.${host}`;
}

/** What the verification TXT record must hold. */
export function txtRecordValue(token: string): string {
  return `authpi-domain-verification=${token}`;
}

/**
 * An account domain in the `authpi-admin` `AccountDomain` shape, with the TXT record to publish.
 * `primary` marks the first domain assigned to its issuer.
 */
export function domainToWire(row: AccountDomainRow, primary = false) {
  return {
    host: row.host,
    verified: row.verifiedAt !== null,
    primary,
    added_at: row.createdAt,
    assigned_issuer_id: row.assignedIssuerId,
    assigned_at: row.assignedAt,
    // Self-hosted: no Cloudflare for SaaS custom hostnames behind the domain.
    cf_custom_hostname_id: null,
    cf_status: null,
    verified_at: row.verifiedAt,
    last_checked_at: row.lastCheckedAt,
    verification: {
      type: "dns_txt" as const,
      txt_record_name: txtRecordName(row.host),
      txt_record_value: txtRecordValue(row.verificationToken),
    },
    updated_at: row.updatedAt,
  };
}

/** Every domain of an account, each marked primary when it is its issuer's first assignment. */
export function domainsToWire(rows: AccountDomainRow[]) {
  const primaries = new Map<string, AccountDomainRow>();
  for (const row of rows) {
    if (!row.assignedIssuerId || row.assignedAt === null) continue;
    const best = primaries.get(row.assignedIssuerId);
    if (!best || (best.assignedAt ?? 0) > row.assignedAt) primaries.set(row.assignedIssuerId, row);
  }
  return rows.map((row) =>
    domainToWire(row, row.assignedIssuerId ? primaries.get(row.assignedIssuerId) === row : false),
  );
}
