import { and, eq, lt, notInArray } from "drizzle-orm";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { SIGNING_ALGS, type SigningAlg } from "../clients/client-settings.ts";
import { open, seal } from "../crypto/sealed-box.ts";
import type { Db } from "../db/client.ts";
import { signingKeys } from "../db/schema.ts";
import { KEY_RETENTION_MS, keyGeneration } from "./rotation.ts";

const PURPOSE = "signing-key";

export type SigningKeyRow = typeof signingKeys.$inferSelect;

export interface KeyOptions {
  now: number;
  /** The wrangler secret the private keys are sealed with. */
  secret: string;
}

async function generateRow(
  alg: SigningAlg,
  generation: string,
  options: KeyOptions,
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
    privateJwkSealed: await seal(options.secret, PURPOSE, JSON.stringify(privateJwk)),
    createdAt: options.now,
  };
}

/**
 * Makes sure each algorithm has a key of the current generation (creating it when a rotation
 * is due) and drops keys past retention that are not their algorithm's newest. Idempotent:
 * racing callers collide on the unique (alg, generation) index and keep the first key.
 */
export async function rotateSigningKeys(
  db: Db,
  options: KeyOptions,
): Promise<{ created: string[] }> {
  const generation = keyGeneration(options.now);
  const current = await db
    .select({ alg: signingKeys.alg })
    .from(signingKeys)
    .where(eq(signingKeys.generation, generation));
  const have = new Set(current.map((row) => row.alg));
  const missing = SIGNING_ALGS.filter((alg) => !have.has(alg));
  const rows = await Promise.all(missing.map((alg) => generateRow(alg, generation, options)));
  for (const row of rows) await db.insert(signingKeys).values(row).onConflictDoNothing();
  await db
    .delete(signingKeys)
    .where(
      and(
        lt(signingKeys.createdAt, options.now - KEY_RETENTION_MS),
        notInArray(signingKeys.generation, [generation]),
      ),
    );
  return { created: rows.map((row) => row.kid) };
}

/** A loaded set of keys: the public JWKS and the newest private key per algorithm. */
export interface KeyRing {
  generation: string;
  jwks: { keys: JWK[] };
  signingKey(alg: SigningAlg): Promise<{ kid: string; key: CryptoKey }>;
  /** The public key for a `kid`, to verify tokens this deployment signed. */
  publicKey(kid: string): JWK | undefined;
  /** The imported public key for a `kid` (imported once per ring). */
  verificationKey(kid: string): Promise<CryptoKey> | undefined;
}

/** Loads the key ring, creating the current generation first if it does not exist yet. */
export async function loadKeyRing(db: Db, options: KeyOptions): Promise<KeyRing> {
  let rows = await db.select().from(signingKeys);
  const generation = keyGeneration(options.now);
  const complete = SIGNING_ALGS.every((alg) =>
    rows.some((r) => r.alg === alg && r.generation === generation),
  );
  if (!complete) {
    await rotateSigningKeys(db, options);
    rows = await db.select().from(signingKeys);
  }
  rows.sort((a, b) => b.createdAt - a.createdAt || b.generation.localeCompare(a.generation));
  const imported = new Map<string, Promise<CryptoKey>>();
  const verifying = new Map<string, Promise<CryptoKey>>();
  return {
    generation,
    jwks: { keys: rows.map((row) => row.publicJwk) },
    publicKey: (kid) => rows.find((row) => row.kid === kid)?.publicJwk,
    verificationKey(kid) {
      const row = rows.find((r) => r.kid === kid);
      if (!row) return undefined;
      let key = verifying.get(kid);
      if (!key) {
        key = importJWK(row.publicJwk, row.alg) as Promise<CryptoKey>;
        verifying.set(kid, key);
      }
      return key;
    },
    async signingKey(alg) {
      const row = rows.find((r) => r.alg === alg);
      if (!row) throw new Error(`no signing key for ${alg}`);
      let key = imported.get(row.kid);
      if (!key) {
        key = open(options.secret, PURPOSE, row.privateJwkSealed).then(
          (jwk) => importJWK(JSON.parse(jwk) as JWK, alg) as Promise<CryptoKey>,
        );
        imported.set(row.kid, key);
      }
      return { kid: row.kid, key: await key };
    },
  };
}
