import type { MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { METHOD_SETTINGS } from "./auth-method-settings.ts";
import type { AuthMethodType } from "./auth-method-types.ts";
import type { AuthMethodRow } from "./auth-method-wire.ts";

/** What a new issuer can sign users in with from the start (docs/decisions/sdk-resources.md). */
const DEFAULTS: { method: AuthMethodType; name: string; firstFactorOnly: boolean }[] = [
  { method: "password", name: "Password", firstFactorOnly: true },
  { method: "webauthn", name: "Passkeys", firstFactorOnly: false },
  { method: "totp_app", name: "Authenticator app", firstFactorOnly: false },
  { method: "backup_codes", name: "Backup codes", firstFactorOnly: false },
];

/** The enabled default auth methods of a new issuer, to insert in the issuer's own batch. */
export function defaultAuthMethodRows(ctx: MutationContext, issuerId: string): AuthMethodRow[] {
  return DEFAULTS.map((entry) => ({
    id: newId("authMethod", ctx.now),
    accountId: ctx.accountId,
    issuerId,
    name: entry.name,
    method: entry.method,
    enabled: true,
    firstFactorOnly: entry.firstFactorOnly,
    settings: METHOD_SETTINGS[entry.method].parse({}),
    clientSecretSealed: null,
    createdAt: ctx.now,
    updatedAt: null,
  }));
}
