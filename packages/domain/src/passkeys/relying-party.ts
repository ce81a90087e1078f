/** The WebAuthn relying party of this deployment (WebAuthn Level 3 §5.1.3, §13.4.9). */
export interface RelyingParty {
  /** The RP ID: a registrable suffix of the origin's host; credentials are scoped to it. */
  id: string;
  name: string;
  /** The exact origin a ceremony's `clientDataJSON.origin` must name. */
  origin: string;
}

/** Five minutes: a ceremony's challenge is single use and lapses after this. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * The RP from configuration: the origin of the IdP's base URL, and the RP ID as configured,
 * or that URL's host when the setting is empty.
 */
export function relyingParty(baseUrl: string, configuredRpId: string, name: string): RelyingParty {
  const url = new URL(baseUrl);
  return { id: configuredRpId.trim() || url.hostname, name, origin: url.origin };
}

/** What a stored challenge was issued for; the store hands it back once. */
export interface PasskeyChallenge {
  purpose: "registration" | "authentication";
  /** The signed-in user a registration is for; null for a usernameless sign-in. */
  userId: string | null;
}

/** The single-use challenge store (the issuer's Durable Object). */
export interface PasskeyChallengeStore {
  savePasskeyChallenge(
    challenge: string,
    binding: PasskeyChallenge,
    expiresAt: number,
  ): Promise<void>;
  /** Deletes the challenge and returns what it was for; null when unknown, used or lapsed. */
  consumePasskeyChallenge(challenge: string, now: number): Promise<PasskeyChallenge | null>;
}
