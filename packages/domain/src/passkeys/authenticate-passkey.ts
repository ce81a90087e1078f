import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
} from "@simplewebauthn/server";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { fromBase64Url } from "../crypto/encoding.ts";
import { userVerifiers } from "../db/schema.ts";
import type { UserVerifierRow } from "../users/user-verifiers.ts";
import {
  challengeOf,
  type PasskeyCredential,
  passkeyCredentialOf,
  userIdFromHandle,
} from "./passkey-credential.ts";
import { type AuthenticationResponse, asAuthenticationJSON } from "./passkey-responses.ts";
import type { PasskeyDeps } from "./register-passkey.ts";
import { PASSKEY_CHALLENGE_TTL_MS } from "./relying-party.ts";

/**
 * Options for `navigator.credentials.get()`: no allow list, so the authenticator offers its
 * discoverable credentials for this RP (usernameless and autofill sign-in, WebAuthn §5.4.4).
 */
export async function passkeyAuthenticationOptions(
  deps: Pick<PasskeyDeps, "rp" | "challenges">,
  now: number,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: deps.rp.id,
    userVerification: deps.rp.userVerification,
    timeout: PASSKEY_CHALLENGE_TTL_MS,
  });
  await deps.challenges.savePasskeyChallenge(
    options.challenge,
    { purpose: "authentication", userId: null },
    now + PASSKEY_CHALLENGE_TTL_MS,
  );
  return options;
}

export type PasskeySignIn =
  | { status: "ok"; userId: string; verifier: UserVerifierRow; userVerified: boolean }
  | { status: "invalid"; reason: string; userId?: string };

async function findPasskey(deps: PasskeyDeps, userId: string, credentialId: string) {
  const rows = await deps.db
    .select()
    .from(userVerifiers)
    .where(
      and(
        eq(userVerifiers.issuerId, deps.issuerId),
        eq(userVerifiers.userId, userId),
        eq(userVerifiers.type, "webauthn"),
      ),
    );
  return rows.find((row) => passkeyCredentialOf(row).credential_id === credentialId) ?? null;
}

/**
 * Verifies an assertion (WebAuthn §7.2): a challenge this store issued (once), this origin and
 * RP ID, the stored public key, and a signature counter that moved forward (§6.1.1: a counter
 * that did not grow means a cloned authenticator, so the assertion is refused). The counter
 * update is a compare-and-swap, so one assertion cannot count twice.
 */
export async function authenticatePasskey(
  deps: PasskeyDeps,
  response: z.output<typeof AuthenticationResponse>,
  now: number,
): Promise<PasskeySignIn> {
  const challenge = challengeOf(response.response.clientDataJSON);
  const issued = challenge ? await deps.challenges.consumePasskeyChallenge(challenge, now) : null;
  const userId = response.response.userHandle
    ? userIdFromHandle(response.response.userHandle)
    : (issued?.userId ?? null);
  const row = userId ? await findPasskey(deps, userId, response.id) : null;
  // A failure is a user's only when the credential is theirs (an unknown one names nobody).
  const owner = row ? (userId as string) : undefined;
  if (issued?.purpose !== "authentication") {
    return { status: "invalid", reason: "challenge", userId: owner };
  }
  if (!userId || (issued.userId !== null && issued.userId !== userId)) {
    return { status: "invalid", reason: "user_handle" };
  }
  if (row?.status !== "active") return { status: "invalid", reason: "credential", userId: owner };
  const stored = passkeyCredentialOf(row);
  let info: Awaited<ReturnType<typeof verifyAuthenticationResponse>>["authenticationInfo"];
  try {
    const result = await verifyAuthenticationResponse({
      response: asAuthenticationJSON(response),
      expectedChallenge: challenge as string,
      expectedOrigin: deps.rp.origins,
      expectedRPID: deps.rp.id,
      credential: {
        id: stored.credential_id,
        publicKey: fromBase64Url(stored.public_key),
        counter: stored.counter,
        transports: stored.transports,
      },
      // §7.2 step 17: a method that requires user verification refuses an assertion without.
      requireUserVerification: deps.rp.userVerification === "required",
    });
    if (!result.verified) return { status: "invalid", reason: "signature", userId };
    info = result.authenticationInfo;
  } catch {
    return { status: "invalid", reason: "verification", userId };
  }
  if ((stored.counter > 0 || info.newCounter > 0) && info.newCounter <= stored.counter) {
    return { status: "invalid", reason: "counter", userId };
  }
  const next: PasskeyCredential = {
    ...stored,
    counter: info.newCounter,
    backed_up: info.credentialBackedUp,
  };
  const updated = await deps.db
    .update(userVerifiers)
    .set({
      credential: next as unknown as Record<string, unknown>,
      usageCount: row.usageCount + 1,
      lastUsedAt: now,
    })
    .where(
      and(
        eq(userVerifiers.id, row.id),
        sql`json_extract(${userVerifiers.credential}, '$.counter') = ${stored.counter}`,
        eq(userVerifiers.usageCount, row.usageCount),
      ),
    )
    .returning({ id: userVerifiers.id });
  if (updated.length === 0) return { status: "invalid", reason: "counter", userId };
  return {
    status: "ok",
    userId,
    verifier: { ...row, credential: next as unknown as Record<string, unknown> },
    userVerified: info.userVerified,
  };
}
