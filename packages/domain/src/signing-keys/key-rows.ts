import { exportJWK, generateKeyPair } from "jose";
import type { SigningAlg } from "../clients/client-settings.ts";
import { seal } from "../crypto/sealed-box.ts";
import type { signingKeys } from "../db/schema.ts";
import { KEY_RETENTION_MS, MAX_TOKEN_LIFETIME_MS } from "./rotation.ts";

export const SEALING_PURPOSE = "signing-key";

export type SigningKeyRow = typeof signingKeys.$inferSelect;

export interface KeyOptions {
  now: number;
  /** The wrangler secret the private keys are sealed with. */
  secret: string;
}

/** A new key pair of `alg`, its private half sealed; it signs from `activatesAt`. */
export async function generateRow(
  alg: SigningAlg,
  generation: string,
  options: KeyOptions,
  scope: { issuerId: string | null; activatesAt: number | null },
): Promise<SigningKeyRow> {
  const pair =
    alg === "EdDSA"
      ? await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true })
      : await generateKeyPair(alg, {
          extractable: true,
          ...(alg === "RS256" ? { modulusLength: 2048 } : {}),
        });
  const kid = crypto.randomUUID();
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg, use: "sig" };
  const privateJwk = { ...(await exportJWK(pair.privateKey)), kid, alg };
  return {
    kid,
    alg,
    generation,
    publicJwk,
    privateJwkSealed: await seal(options.secret, SEALING_PURPOSE, JSON.stringify(privateJwk)),
    createdAt: options.now,
    issuerId: scope.issuerId,
    activatesAt: scope.activatesAt,
  };
}

/** When a key starts signing. */
export function activationOf(row: SigningKeyRow): number {
  return row.activatesAt ?? row.createdAt;
}

/** The keys one issuer publishes: the deployment's and its own. */
export function visibleTo(rows: SigningKeyRow[], issuerId: string | null): SigningKeyRow[] {
  return rows.filter((row) => row.issuerId === null || row.issuerId === issuerId);
}

/** The key of `alg` that signs at `now` for an issuer: the newest one already active. */
export function signingRow(
  rows: SigningKeyRow[],
  alg: SigningAlg,
  now: number,
): SigningKeyRow | undefined {
  return rows
    .filter((row) => row.alg === alg && activationOf(row) <= now)
    .sort((a, b) => activationOf(b) - activationOf(a) || b.createdAt - a.createdAt)[0];
}

/**
 * The keys to drop at `now`: past the documented retention, and replaced (a newer key of the
 * same alg signs for everyone who used them) for longer than any token they signed lives.
 */
export function retiredKids(rows: SigningKeyRow[], now: number): string[] {
  return rows
    .filter((row) => {
      if (row.createdAt > now - KEY_RETENTION_MS) return false;
      // A deployment key is replaced by a deployment key; an issuer's by anything it signs with.
      const scope =
        row.issuerId === null
          ? rows.filter((r) => r.issuerId === null)
          : visibleTo(rows, row.issuerId);
      const successor = signingRow(scope, row.alg as SigningAlg, now);
      if (!successor || successor.kid === row.kid) return false;
      return activationOf(successor) + MAX_TOKEN_LIFETIME_MS <= now;
    })
    .map((row) => row.kid);
}
