import { eq } from "drizzle-orm";
import { importJWK, type JWK } from "jose";
import { SIGNING_ALGS, type SigningAlg } from "../clients/client-settings.ts";
import { open } from "../crypto/sealed-box.ts";
import { inList, runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { issuers, signingKeys } from "../db/schema.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { eventInserts, recordEvents } from "../events/record-events.ts";
import {
  generateRow,
  type KeyOptions,
  retiredKids,
  SEALING_PURPOSE,
  type SigningKeyRow,
  signingRow,
  visibleTo,
} from "./key-rows.ts";
import { keyGeneration, PUBLISH_LEAD_MS } from "./rotation.ts";

export type { KeyOptions, SigningKeyRow } from "./key-rows.ts";

/**
 * Makes sure each algorithm has a deployment key of the current generation (published
 * {@link PUBLISH_LEAD_MS} before it signs, except the very first) and drops retired keys.
 * Idempotent: racing callers collide on the unique (alg, generation) index and keep the first.
 */
export async function rotateSigningKeys(
  db: Db,
  options: KeyOptions,
): Promise<{ created: SigningKeyRow[] }> {
  const generation = keyGeneration(options.now);
  const rows = await db.select().from(signingKeys);
  const deployment = rows.filter((row) => row.issuerId === null);
  const missing = SIGNING_ALGS.filter(
    (alg) => !deployment.some((row) => row.alg === alg && row.generation === generation),
  );
  const created = await Promise.all(
    missing.map((alg) => {
      const first = !deployment.some((row) => row.alg === alg);
      const activatesAt = first ? null : options.now + PUBLISH_LEAD_MS;
      return generateRow(alg, generation, options, { issuerId: null, activatesAt });
    }),
  );
  const inserted: SigningKeyRow[] = [];
  for (const row of created) {
    inserted.push(...(await db.insert(signingKeys).values(row).onConflictDoNothing().returning()));
  }
  // The first keys of a deployment replace nothing; a new generation is a rotation for everyone.
  if (inserted.some((row) => row.activatesAt !== null)) {
    await recordEvents(db, await rotationEventRows(db, inserted, options.now));
  }
  await dropRetired(db, [...rows, ...inserted], options.now);
  return { created: inserted };
}

/** `signing-key.rotated` for every issuer, recorded by the system (the monthly rotation). */
async function rotationEventRows(db: Db, created: SigningKeyRow[], now: number) {
  const all = await db.select({ id: issuers.id, accountId: issuers.accountId }).from(issuers);
  const data = {
    kids: created.map((row) => row.kid),
    activates_at: now + PUBLISH_LEAD_MS,
    trigger: "schedule",
  };
  return all.map((issuer) =>
    buildEventRow(
      { now, accountId: issuer.accountId, actor: { type: "system", id: null }, source: "idp-api" },
      {
        type: "signing-key.rotated",
        issuerId: issuer.id,
        subject: { type: "issuer", id: issuer.id },
        data,
      },
    ),
  );
}

/**
 * An issuer's own rotation: a new key per algorithm, published now and signing for this
 * issuer once every JWKS cache has seen it; the keys it replaces keep verifying until retired.
 */
export async function rotateIssuerKeys(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  secret: string,
): Promise<{ created: SigningKeyRow[]; activatesAt: number }> {
  const options = { now: ctx.now, secret };
  const activatesAt = ctx.now + PUBLISH_LEAD_MS;
  const generation = `${issuerId}@${ctx.now}`;
  const created = await Promise.all(
    SIGNING_ALGS.map((alg) => generateRow(alg, generation, options, { issuerId, activatesAt })),
  );
  const event = buildEventRow(ctx, {
    type: "signing-key.rotated",
    issuerId,
    subject: { type: "issuer", id: issuerId },
    data: { kids: created.map((row) => row.kid), activates_at: activatesAt, trigger: "api" },
  });
  await runBatch(db, [
    ...created.map((row) => db.insert(signingKeys).values(row)),
    ...eventInserts(db, [event]),
  ]);
  await dropRetired(db, await db.select().from(signingKeys), ctx.now);
  return { created, activatesAt };
}

async function dropRetired(db: Db, rows: SigningKeyRow[], now: number): Promise<void> {
  const kids = retiredKids(rows, now);
  if (kids.length > 0) await db.delete(signingKeys).where(inList(signingKeys.kid, kids));
}

/** A loaded set of keys for one issuer: its public JWKS and the key signing per algorithm. */
export interface KeyRing {
  generation: string;
  jwks: { keys: JWK[] };
  signingKey(alg: SigningAlg): Promise<{ kid: string; key: CryptoKey }>;
  /** The public key for a `kid`, to verify tokens this deployment signed. */
  publicKey(kid: string): JWK | undefined;
  /** The imported public key for a `kid` (imported once per ring). */
  verificationKey(kid: string): Promise<CryptoKey> | undefined;
}

/**
 * Loads the keys `issuerId` publishes (the deployment's and its own; all deployment keys when
 * null), creating the current generation first if it does not exist yet.
 */
export async function loadKeyRing(
  db: Db,
  options: KeyOptions & { issuerId?: string | null },
): Promise<KeyRing> {
  let all = await db.select().from(signingKeys);
  const generation = keyGeneration(options.now);
  const complete = SIGNING_ALGS.every((alg) =>
    all.some((r) => r.alg === alg && r.generation === generation && r.issuerId === null),
  );
  if (!complete) {
    await rotateSigningKeys(db, options);
    all = await db.select().from(signingKeys);
  }
  const rows = visibleTo(all, options.issuerId ?? null);
  rows.sort((a, b) => b.createdAt - a.createdAt || b.generation.localeCompare(a.generation));
  const signers = new Map<SigningAlg, Promise<{ kid: string; key: CryptoKey }>>();
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
    // The signing key per algorithm is fixed for the ring's life (chosen at its load time):
    // chosen, unsealed and imported once, then the same promise for every signature.
    signingKey(alg) {
      let signer = signers.get(alg);
      if (!signer) {
        const row = signingRow(rows, alg, options.now);
        if (!row) return Promise.reject(new Error(`no signing key for ${alg}`));
        signer = open(options.secret, SEALING_PURPOSE, row.privateJwkSealed)
          .then((jwk) => importJWK(JSON.parse(jwk) as JWK, alg) as Promise<CryptoKey>)
          .then((key) => ({ kid: row.kid, key }));
        signers.set(alg, signer);
        signer.catch(() => signers.delete(alg));
      }
      return signer;
    },
  };
}

/** The keys of one issuer, for tests and the Core API's key listing. */
export function issuerKeyRows(db: Db, issuerId: string) {
  return db.select().from(signingKeys).where(eq(signingKeys.issuerId, issuerId));
}
