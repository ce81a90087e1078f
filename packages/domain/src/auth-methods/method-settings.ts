import { seal } from "../crypto/sealed-box.ts";
import { DomainError } from "../errors.ts";
import { METHOD_SETTINGS } from "./auth-method-settings.ts";
import type { AuthMethodType } from "./auth-method-types.ts";

/** The purpose label oauth2 client secrets are sealed under. */
export const CLIENT_SECRET_PURPOSE = "auth-method-client-secret";

export interface ResolvedSettings {
  settings: Record<string, unknown>;
  clientSecretSealed: string | null;
}

/**
 * Validates a kind's settings (defaults filled in) and takes any `client_secret` out of them:
 * a new one is sealed, `null` removes it, absence keeps `currentSealed`.
 */
export async function resolveSettings(
  method: AuthMethodType,
  raw: Record<string, unknown>,
  sealKey: string,
  currentSealed: string | null = null,
): Promise<ResolvedSettings> {
  const parsed = METHOD_SETTINGS[method].safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({
      field: ["settings", ...issue.path].join("."),
      code: issue.code,
      message: issue.message,
    }));
    const text = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
    throw new DomainError("VALIDATION_FAILED", `Invalid ${method} settings: ${text}`, { fields });
  }
  const { client_secret: secret, ...settings } = parsed.data as Record<string, unknown>;
  if (typeof secret === "string") {
    return { settings, clientSecretSealed: await seal(sealKey, CLIENT_SECRET_PURPOSE, secret) };
  }
  return { settings, clientSecretSealed: secret === null ? null : currentSealed };
}
