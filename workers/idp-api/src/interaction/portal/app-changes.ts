import { revokeConsent } from "@authpi/domain/consents";
import { isDomainError } from "@authpi/domain/errors";
import type { Context } from "hono";
import { PageError } from "../../errors.ts";
import { accountDeps } from "./account-deps.ts";
import { doneRedirect } from "./account-view.ts";
import type { AccountEnv } from "./portal-guard.ts";

/**
 * "Remove access": withdraws the user's consent to a third-party app and ends its sessions
 * (refresh tokens stop); the next authorization asks again. Another user's consent, or none,
 * is not found.
 */
export async function removeApp(c: Context<AccountEnv>) {
  const { db, ctx, issuerId, store } = accountDeps(c);
  const clientId = c.get("form").get("client_id") ?? "";
  await revokeConsent(db, ctx, issuerId, c.get("user").id, clientId, store).catch(
    (error: unknown) => {
      if (!isDomainError(error)) throw error;
      throw new PageError(
        404,
        (t) => t.account.notFoundTitle,
        (t) => t.account.notFound,
      );
    },
  );
  return doneRedirect(c, "appRemoved");
}
