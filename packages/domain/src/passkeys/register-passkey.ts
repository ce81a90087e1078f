import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { toBase64Url } from "../crypto/encoding.ts";
import type { Db } from "../db/client.ts";
import { events, userVerifiers } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { getUser } from "../users/manage-users.ts";
import type { UserVerifierRow } from "../users/user-verifiers.ts";
import { challengeOf, type PasskeyCredential, userHandleOf } from "./passkey-credential.ts";
import { asRegistrationJSON, type RegistrationResponse } from "./passkey-responses.ts";
import {
  PASSKEY_CHALLENGE_TTL_MS,
  type PasskeyChallengeStore,
  type RelyingParty,
} from "./relying-party.ts";

export interface PasskeyDeps {
  db: Db;
  rp: RelyingParty;
  challenges: PasskeyChallengeStore;
  issuerId: string;
}

async function passkeysOf(db: Db, issuerId: string, userId: string) {
  return db
    .select()
    .from(userVerifiers)
    .where(
      and(
        eq(userVerifiers.issuerId, issuerId),
        eq(userVerifiers.userId, userId),
        eq(userVerifiers.type, "webauthn"),
      ),
    );
}

/**
 * Options for `navigator.credentials.create()` for a signed-in user: a discoverable credential
 * (so usernameless sign-in works), any attachment, none of the user's passkeys again. The
 * challenge is kept single use for {@link PASSKEY_CHALLENGE_TTL_MS}.
 */
export async function passkeyRegistrationOptions(
  deps: PasskeyDeps,
  userId: string,
  now: number,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const user = await getUser(deps.db, deps.issuerId, userId);
  const existing = await passkeysOf(deps.db, deps.issuerId, user.id);
  const options = await generateRegistrationOptions({
    rpName: deps.rp.name,
    rpID: deps.rp.id,
    userName: user.username,
    userID: userHandleOf(user.id),
    // The library has no "indirect"; trust chains are not checked either way (docs/sign-in-methods.md).
    attestationType: deps.rp.attestation === "none" ? "none" : "direct",
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    excludeCredentials: existing.map((row) => ({
      id: (row.credential as unknown as PasskeyCredential).credential_id,
    })),
    authenticatorSelection: {
      residentKey: deps.rp.residentKey,
      userVerification: deps.rp.userVerification,
    },
  });
  await deps.challenges.savePasskeyChallenge(
    options.challenge,
    { purpose: "registration", userId: user.id },
    now + PASSKEY_CHALLENGE_TTL_MS,
  );
  return options;
}

/**
 * Verifies an attestation (WebAuthn §7.1) against a challenge issued to this user, origin and
 * RP ID, and stores the passkey as a `webauthn` user verifier.
 */
export async function registerPasskey(
  deps: PasskeyDeps,
  ctx: MutationContext,
  userId: string,
  input: { response: z.output<typeof RegistrationResponse>; name?: string | null },
): Promise<UserVerifierRow> {
  const challenge = challengeOf(input.response.response.clientDataJSON);
  const issued = challenge
    ? await deps.challenges.consumePasskeyChallenge(challenge, ctx.now)
    : null;
  if (issued?.purpose !== "registration" || issued.userId !== userId) {
    throw new DomainError("INVALID_REQUEST", "the passkey challenge is unknown, used or expired");
  }
  const result = await verifyRegistrationResponse({
    response: asRegistrationJSON(input.response),
    expectedChallenge: challenge as string,
    expectedOrigin: deps.rp.origins,
    expectedRPID: deps.rp.id,
    requireUserVerification: deps.rp.userVerification === "required",
  }).catch((error: Error) => {
    throw new DomainError("INVALID_REQUEST", `the passkey was not accepted: ${error.message}`);
  });
  if (!result.verified) throw new DomainError("INVALID_REQUEST", "the passkey was not accepted");
  const info = result.registrationInfo;
  const credential: PasskeyCredential = {
    credential_id: info.credential.id,
    public_key: toBase64Url(info.credential.publicKey),
    counter: info.credential.counter,
    transports: info.credential.transports ?? input.response.response.transports ?? [],
    device_type: info.credentialDeviceType,
    backed_up: info.credentialBackedUp,
    aaguid: info.aaguid,
  };
  const existing = await passkeysOf(deps.db, deps.issuerId, userId);
  if (
    existing.some(
      (row) =>
        (row.credential as { credential_id?: string }).credential_id === credential.credential_id,
    )
  ) {
    throw new DomainError("CONFLICT", "this passkey is already registered");
  }
  const row: UserVerifierRow = {
    id: newId("verifier", ctx.now),
    userId,
    issuerId: deps.issuerId,
    type: "webauthn",
    name: input.name ?? null,
    status: "active",
    secretHash: null,
    credential: credential as unknown as Record<string, unknown>,
    usageCount: 0,
    lastUsedAt: null,
    createdAt: ctx.now,
    updatedAt: null,
  };
  await deps.db.batch([
    deps.db.insert(userVerifiers).values(row),
    deps.db.insert(events).values(
      buildEventRow(ctx, {
        type: "user.verifier.created",
        issuerId: deps.issuerId,
        subject: { type: "user", id: userId },
        data: { verifier_id: row.id, verifier_type: "webauthn" },
      }),
    ),
  ]);
  return row;
}
