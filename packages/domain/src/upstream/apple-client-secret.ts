import { importPKCS8, SignJWT } from "jose";

/** Apple's token endpoint audience for a minted client secret (Sign in with Apple REST API). */
export const APPLE_AUDIENCE = "https://appleid.apple.com";

/** How long a minted client secret lives: one token request, so minutes, never stored. */
export const APPLE_SECRET_TTL_SECONDS = 300;

/** A Sign in with Apple key: the team and key ids and the .p8 PEM (PKCS#8, EC P-256). */
export interface AppleSigningKey {
  teamId: string;
  keyId: string;
  privateKey: string;
}

/** Whether a PEM is a PKCS#8 EC P-256 private key (what Apple's .p8 download holds). */
export async function isApplePrivateKey(pem: string): Promise<boolean> {
  try {
    await importPKCS8(pem, "ES256");
    return true;
  } catch {
    return false;
  }
}

/**
 * The client secret Apple wants for one token request: an ES256 JWT with `kid` = key id,
 * `iss` = team id, `sub` = client id (the Services ID), `aud` = Apple, 5 minutes long.
 * `now` is in milliseconds.
 */
export async function mintAppleClientSecret(
  key: AppleSigningKey,
  clientId: string,
  now: number,
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: key.keyId })
    .setIssuer(key.teamId)
    .setSubject(clientId)
    .setAudience(APPLE_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + APPLE_SECRET_TTL_SECONDS)
    .sign(await importPKCS8(key.privateKey, "ES256"));
}
