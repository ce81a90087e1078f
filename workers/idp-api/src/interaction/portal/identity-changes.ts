import { isDomainError } from "@authpi/domain/errors";
import { unlinkIdentity } from "@authpi/domain/upstream";
import type { Context } from "hono";
import { PageError } from "../../errors.ts";
import { accountDeps } from "./account-deps.ts";
import { doneRedirect, showAccount } from "./account-view.ts";
import type { AccountEnv } from "./portal-guard.ts";

/**
 * "Remove <provider>": unlinks one of the user's own identities (CSRF-checked by the portal
 * guard); the last way to sign in stays, and another user's identity is not found.
 */
export async function removeIdentity(c: Context<AccountEnv>) {
  const { db, ctx, issuerId } = accountDeps(c);
  const identityId = c.get("form").get("identity_id") ?? "";
  try {
    await unlinkIdentity(db, ctx, {
      issuerId,
      userId: c.get("user").id,
      identityId,
      keepOneWay: true,
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === "CONFLICT") {
      return showAccount(c, { error: c.get("t").upstream.lastWay, status: 409 });
    }
    throw new PageError(
      404,
      (t) => t.account.notFoundTitle,
      (t) => t.account.notFound,
    );
  }
  return doneRedirect(c, "identityUnlinked");
}
