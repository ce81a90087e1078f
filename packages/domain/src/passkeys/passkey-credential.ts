import { fromBase64Url } from "../crypto/encoding.ts";
import type { UserVerifierRow } from "../users/user-verifiers.ts";

/** What a `webauthn` user verifier keeps in its `credential` column. */
export interface PasskeyCredential {
  /** base64url credential ID (WebAuthn §4 "Credential ID"). */
  credential_id: string;
  /** base64url COSE public key. */
  public_key: string;
  /** The signature counter (§6.1.1); 0 when the authenticator does not count. */
  counter: number;
  transports: string[];
  /** Backup eligibility (BE) as `multiDevice`, else `singleDevice` (§6.1.3). */
  device_type: "singleDevice" | "multiDevice";
  /** Backup state (BS) as last seen. */
  backed_up: boolean;
  aaguid: string;
}

export function passkeyCredentialOf(row: UserVerifierRow): PasskeyCredential {
  return row.credential as unknown as PasskeyCredential;
}

/** The WebAuthn user handle of a user (§14.6.1: no personal data): the bytes of the user id. */
export function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(userId) as Uint8Array<ArrayBuffer>;
}

export function userIdFromHandle(handle: string): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
      fromBase64Url(handle),
    );
  } catch {
    return null;
  }
}

/** The challenge a response answers, read from its `clientDataJSON` (§5.8.1). */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(new TextDecoder().decode(fromBase64Url(clientDataJSON)));
    return typeof data?.challenge === "string" ? data.challenge : null;
  } catch {
    return null;
  }
}
