import { deleteUserVerifier, updateUserVerifier } from "@authpi/domain/users";
import type { Context } from "hono";
import { z } from "zod";
import { registerPostedPasskey } from "../posted-passkey.ts";
import { accountDeps, asPage } from "./account-deps.ts";
import { doneRedirect, showAccount } from "./account-view.ts";
import { ownVerifier } from "./factor-changes.ts";
import type { AccountEnv } from "./portal-guard.ts";

/** Adds a passkey: the same registration as at sign-in (the challenge is single use). */
export async function addPasskey(c: Context<AccountEnv>) {
  const refused = () =>
    showAccount(c, { error: c.get("t").signIn.passkeyRegisterRefused, status: 400 });
  const { ctx } = accountDeps(c);
  const registered = await registerPostedPasskey(asPage(c), ctx, c.get("user").id, c.get("form"));
  if (!registered) return refused();
  return doneRedirect(c, "passkeyAdded");
}

const PasskeyName = z.string().trim().min(1).max(200);

/** Renames one of the user's passkeys (the Core API's verifier update). */
export async function renamePasskey(c: Context<AccountEnv>) {
  const row = await ownVerifier(c, "webauthn");
  const name = PasskeyName.safeParse(c.get("form").get("name") ?? "");
  if (!name.success)
    return showAccount(c, { error: c.get("t").account.passkeyNameInvalid, status: 422 });
  const { db, ctx } = accountDeps(c);
  await updateUserVerifier(db, ctx, row, { name: name.data });
  return doneRedirect(c, "passkeyRenamed");
}

/** Removes one of the user's passkeys (the Core API's verifier delete). */
export async function removePasskey(c: Context<AccountEnv>) {
  const row = await ownVerifier(c, "webauthn");
  const { db, ctx } = accountDeps(c);
  await deleteUserVerifier(db, ctx, row);
  return doneRedirect(c, "passkeyRemoved");
}
