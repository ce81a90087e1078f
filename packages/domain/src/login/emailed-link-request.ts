import type { Db } from "../db/client.ts";
import { emailRequestBuckets } from "../email-tokens/email-rate-limits.ts";
import { type EmailToken, mailAddressOf, newEmailToken } from "../email-tokens/email-token.ts";
import type { EmailTokenPurpose, EmailTokenRecord } from "../email-tokens/email-token-store.ts";
import type { MutationContext } from "../events/event.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import { sourceAddress } from "../throttle/source-address.ts";
import type { UserRow } from "../users/user-wire.ts";
import { findLoginUser, usernameCandidates } from "./check-password.ts";

export interface EmailedLinkDeps {
  db: Db;
  store: IssuerStoreRpc;
  issuerId: string;
  ctx: MutationContext;
}

export type EmailedLinkRequest =
  | {
      status: "issued";
      issued: EmailToken;
      /** Set only when an active account with a mail address exists: send it there. */
      mail: { to: string; user: UserRow } | null;
    }
  | { status: "throttled"; retryAfterMs: number };

/**
 * The start every emailed link shares (password reset, email sign-in): the request limits
 * counted on the address as typed and the source, a user lookup, and a token made and stored
 * whether or not an account exists, so the answer and its timing say nothing about the
 * address. `record` gives the purpose's own fields, from the address as normalised.
 */
export async function requestEmailedLink(
  deps: EmailedLinkDeps,
  purpose: EmailTokenPurpose,
  typed: string,
  ttlMs: number,
  record: (
    issued: EmailToken,
    address: string,
  ) => Promise<Pick<EmailTokenRecord, "codeHash" | "bindingHash" | "payload">>,
): Promise<EmailedLinkRequest> {
  const names = usernameCandidates(typed);
  const address = names[names.length - 1] as string;
  const limit = await deps.store.takeRateLimit(
    emailRequestBuckets(purpose, address, sourceAddress(deps.ctx.request?.ip)),
    deps.ctx.now,
  );
  if (!limit.allowed) return { status: "throttled", retryAfterMs: limit.retryAfterMs };
  const user = await findLoginUser(deps.db, deps.issuerId, names);
  const to = user?.status === "active" ? mailAddressOf(user) : null;
  const issued = await newEmailToken();
  await deps.store.saveEmailToken(issued.tokenHash, {
    purpose,
    userId: to && user ? user.id : null,
    ...(await record(issued, address)),
    expiresAt: deps.ctx.now + ttlMs,
  });
  return { status: "issued", issued, mail: to && user ? { to, user } : null };
}
