import { checkNewPassword, type PasswordVerdict } from "@authpi/domain/passwords";
import { changeOwnPassword, OwnProfileInput, updateOwnProfile } from "@authpi/domain/portal";
import type { Context } from "hono";
import { accountDeps } from "./account-deps.ts";
import { doneRedirect, showAccount } from "./account-view.ts";
import type { AccountEnv } from "./portal-guard.ts";

/** Name and picture. */
export async function changeProfile(c: Context<AccountEnv>) {
  const { form } = c.var;
  const input = OwnProfileInput.safeParse({
    name: form.get("name") ?? "",
    picture: form.get("picture") ?? "",
  });
  if (!input.success) {
    const field = input.error.issues[0]?.path[0];
    const t = c.get("t").account;
    return showAccount(c, {
      error: field === "picture" ? t.pictureInvalid : t.nameInvalid,
      status: 422,
    });
  }
  await updateOwnProfile(accountDeps(c), c.get("user").id, input.data);
  return doneRedirect(c, "profile");
}

function refusal(c: Context<AccountEnv>, verdict: Exclude<PasswordVerdict, { ok: true }>) {
  const t = c.get("t");
  if (verdict.reason === "too_short") return { error: t.reset.passwordTooShort, advice: [] };
  if (verdict.reason === "too_long") return { error: t.reset.passwordTooLong, advice: [] };
  const advice = [verdict.warning, ...verdict.suggestions].filter((s): s is string => !!s);
  return { error: t.reset.passwordWeak, advice };
}

/** Current password and a new one under the password rules; the other sign-ins end. */
export async function changePassword(c: Context<AccountEnv>) {
  const { form, user } = c.var;
  const next = form.get("new_password") ?? "";
  const name = (user.profile.name as string | null | undefined) ?? "";
  const verdict = checkNewPassword(next, {
    locale: c.get("locale"),
    userInputs: [user.username, name].filter(Boolean),
  });
  if (!verdict.ok) return showAccount(c, { ...refusal(c, verdict), status: 422 });
  const current = form.get("current_password") ?? "";
  const outcome = await changeOwnPassword(
    accountDeps(c),
    user,
    { current, next },
    c.get("portal").sid,
  );
  if (outcome.status === "wrong") {
    return showAccount(c, { error: c.get("t").account.currentPasswordWrong, status: 401 });
  }
  return doneRedirect(c, "password");
}
