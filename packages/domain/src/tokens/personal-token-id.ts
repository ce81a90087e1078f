import { ID_PREFIX, newId } from "../ids.ts";

const BODY = /^[0-9a-z]{25}$/;

/**
 * A personal token id: `tok_` + the 25 characters of its issuer's id + 25 of its own. The
 * account-level routes (`/tokens/{token_id}`) name no issuer, and the token lives in its
 * issuer's Durable Object, so the id itself says which object to ask.
 */
export function newPersonalTokenId(issuerId: string, now: number): string {
  const issuerBody = issuerId.slice(`${ID_PREFIX.issuer}_`.length);
  if (!BODY.test(issuerBody)) throw new Error(`not an issuer id of ours: ${issuerId}`);
  const own = newId("personalToken", now).slice(`${ID_PREFIX.personalToken}_`.length);
  return `${ID_PREFIX.personalToken}_${issuerBody}${own}`;
}

/** The issuer a personal token id names, or null when the id is not one of ours. */
export function issuerOfPersonalToken(tokenId: string): string | null {
  const match = /^tok_([0-9a-z]{25})[0-9a-z]{25}$/.exec(tokenId);
  return match ? `${ID_PREFIX.issuer}_${match[1]}` : null;
}
