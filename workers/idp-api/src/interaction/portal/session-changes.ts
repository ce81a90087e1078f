import { isDomainError } from "@authpi/domain/errors";
import { endOtherSessions, endOwnSession } from "@authpi/domain/portal";
import type { Context } from "hono";
import { PageError } from "../../errors.ts";
import { accountDeps } from "./account-deps.ts";
import { doneRedirect } from "./account-view.ts";
import type { AccountEnv } from "./portal-guard.ts";

/** Signs out one other sign-in of the user; another user's session id is not found. */
export async function endSession(c: Context<AccountEnv>) {
  const id = c.get("form").get("session_id") ?? "";
  await endOwnSession(accountDeps(c), c.get("user").id, id).catch((error: unknown) => {
    if (!isDomainError(error)) throw error;
    throw new PageError(
      404,
      (t) => t.account.notFoundTitle,
      (t) => t.account.notFound,
    );
  });
  return doneRedirect(c, "sessionEnded");
}

/** Signs out every other sign-in of the user; this one stays. */
export async function endOthers(c: Context<AccountEnv>) {
  await endOtherSessions(accountDeps(c), c.get("user").id, c.get("portal").sid);
  return doneRedirect(c, "othersEnded");
}
