import { eq } from "drizzle-orm";
import { z } from "zod";
import { sha256Hex } from "../crypto/hash.ts";
import { events, users } from "../db/schema.ts";
import { emailRequestBuckets } from "../email-tokens/email-rate-limits.ts";
import {
  codeHashOf,
  isTokenShaped,
  mailAddressOf,
  newEmailToken,
} from "../email-tokens/email-token.ts";
import type { EmailTokenRecord } from "../email-tokens/email-token-store.ts";
import { buildEventRow } from "../events/event.ts";
import { findLoginUser } from "../login/check-password.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import type { SessionDeps } from "../sessions/manage-sessions.ts";
import { writingUserClaims } from "../tokens/claims-store.ts";
import { getUser } from "../users/manage-users.ts";
import type { UserRow } from "../users/user-wire.ts";

/** The link and the code of an email change work once, for 24 hours (as the email says). */
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60_000;
/** Wrong codes one user may type per window before the form waits. */
const CODE_ATTEMPTS = 5;
const CODE_WINDOW_MS = 15 * 60_000;

export const NewEmail = z.string().trim().toLowerCase().max(320).email();

type EmailDeps = SessionDeps & { store: IssuerStoreRpc };

export type EmailChangeRequest =
  | { status: "throttled"; retryAfterMs: number }
  /** `mail` is null when the address is taken: the page says the same, nothing is sent. */
  | {
      status: "issued";
      tokenHash: string;
      mail: { to: string; token: string; code: string } | null;
    };

/**
 * Asks to move the user's email to `address`: a link and a code for the new address (the
 * address changes only when one comes back). An address another account uses gets the same
 * answer and no email, so the form does not reveal who has an account.
 */
export async function requestEmailChange(
  deps: EmailDeps,
  user: UserRow,
  address: string,
): Promise<EmailChangeRequest> {
  const limit = await deps.store.takeRateLimit(
    emailRequestBuckets("email_change", address, user.id),
    deps.ctx.now,
  );
  if (!limit.allowed) return { status: "throttled", retryAfterMs: limit.retryAfterMs };
  const taken = await findLoginUser(deps.db, deps.issuerId, [address]);
  const issued = await newEmailToken();
  await deps.store.saveEmailToken(issued.tokenHash, {
    purpose: "email_change",
    userId: user.id,
    codeHash: issued.codeHash,
    bindingHash: null,
    payload: JSON.stringify({ email: address }),
    expiresAt: deps.ctx.now + EMAIL_CHANGE_TTL_MS,
  });
  const mail = taken ? null : { to: address, token: issued.token, code: issued.code };
  return { status: "issued", tokenHash: issued.tokenHash, mail };
}

export type EmailChangeOutcome = { status: "changed"; email: string } | { status: "invalid" };

/**
 * Moves the address: an email username and `profile.email` become the new address, verified
 * (the user proved they read it), with `user.updated` in the same batch. A taken address is
 * refused by the unique index and changes nothing.
 */
async function applyEmailChange(deps: EmailDeps, record: EmailTokenRecord | null) {
  if (record?.purpose !== "email_change" || !record.userId) return { status: "invalid" } as const;
  const { email } = JSON.parse(record.payload) as { email: string };
  const user = await getUser(deps.db, deps.issuerId, record.userId).catch(() => null);
  if (user?.status !== "active") return { status: "invalid" } as const;
  const previous = mailAddressOf(user);
  const next = {
    username: user.usernameType === "email" ? email : user.username,
    profile: { ...user.profile, email, email_verified: true },
    updatedAt: deps.ctx.now,
  };
  try {
    await writingUserClaims(deps.store, [user.id], deps.ctx.now, () =>
      deps.db.batch([
        deps.db.update(users).set(next).where(eq(users.id, user.id)),
        deps.db.insert(events).values(
          buildEventRow(
            { ...deps.ctx, actor: { type: "user", id: user.id } },
            {
              type: "user.updated",
              issuerId: deps.issuerId,
              subject: { type: "user", id: user.id },
              data: { changed: ["email"], previous_email: previous, email },
            },
          ),
        ),
      ]),
    );
  } catch {
    return { status: "invalid" } as const;
  }
  return { status: "changed", email } as const;
}

/** The emailed link: spent once, in whatever browser opens it. */
export async function confirmEmailChangeByLink(
  deps: EmailDeps,
  token: string,
): Promise<EmailChangeOutcome> {
  if (!isTokenShaped(token)) return { status: "invalid" };
  const record = await deps.store.consumeEmailToken(
    await sha256Hex(token),
    "email_change",
    deps.ctx.now,
  );
  return applyEmailChange(deps, record);
}

/** The code typed in the portal of the same user; a few wrong codes per 15 minutes at most. */
export async function confirmEmailChangeByCode(
  deps: EmailDeps,
  userId: string,
  tokenHash: string,
  code: string,
): Promise<EmailChangeOutcome | { status: "throttled"; retryAfterMs: number }> {
  if (!/^[0-9a-f]{64}$/.test(tokenHash) || !/^\d{6}$/.test(code)) return { status: "invalid" };
  const peeked = await deps.store.peekEmailToken(tokenHash, deps.ctx.now);
  if (peeked?.purpose !== "email_change" || peeked.userId !== userId) return { status: "invalid" };
  const limit = await deps.store.takeRateLimit(
    [{ key: `email_change:code:${userId}`, limit: CODE_ATTEMPTS, windowMs: CODE_WINDOW_MS }],
    deps.ctx.now,
  );
  if (!limit.allowed) return { status: "throttled", retryAfterMs: limit.retryAfterMs };
  const record = await deps.store.consumeEmailCode(
    tokenHash,
    await codeHashOf(tokenHash, code),
    deps.ctx.now,
  );
  return applyEmailChange(deps, record);
}
