import { checkWebAuthnSettings, type WebAuthnSettings } from "./webauthn-settings.ts";

type Requirement = "required" | "preferred" | "discouraged";

/** The WebAuthn relying party of this deployment (WebAuthn Level 3 §5.1.3, §13.4.9). */
export interface RelyingParty {
  /** The RP ID: a registrable suffix of the origin's host; credentials are scoped to it. */
  id: string;
  name: string;
  /** The IdP's own origin (where the hosted pages run). */
  origin: string;
  /** Every origin a ceremony's `clientDataJSON.origin` may name: the IdP's, then the configured. */
  origins: string[];
  userVerification: Requirement;
  residentKey: Requirement;
  attestation: "none" | "indirect" | "direct";
}

/** Five minutes: a ceremony's challenge is single use and lapses after this. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * The RP from configuration: the origin of the IdP's base URL, and the RP ID as configured,
 * or that URL's host when the setting is empty.
 */
export function relyingParty(baseUrl: string, configuredRpId: string, name: string): RelyingParty {
  const url = new URL(baseUrl);
  return {
    id: configuredRpId.trim() || url.hostname,
    name,
    origin: url.origin,
    origins: [url.origin],
    userVerification: "preferred",
    residentKey: "required",
    attestation: "none",
  };
}

/**
 * The RP of an issuer's `webauthn` method: its `rp_id` (else the deployment's `WEBAUTHN_RP_ID`,
 * else the base URL's host), its extra `origins` and its ceremony preferences. Checked again
 * here because the base URL may have changed since the Core API accepted the settings: a
 * DomainError (422) rather than ceremonies no browser would run.
 */
export function relyingPartyFor(
  baseUrl: string,
  configuredRpId: string,
  name: string,
  settings: WebAuthnSettings,
): RelyingParty {
  const base = relyingParty(baseUrl, configuredRpId, name);
  const id = settings.rp_id?.trim() || base.id;
  checkWebAuthnSettings({ ...settings, rp_id: id }, baseUrl);
  return {
    ...base,
    id,
    origins: [...new Set([base.origin, ...(settings.origins ?? [])])],
    userVerification: settings.user_verification ?? "preferred",
    residentKey: settings.resident_key ?? "required",
    attestation: settings.attestation ?? "none",
  };
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
