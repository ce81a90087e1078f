import { seal } from "../crypto/sealed-box.ts";
import { DomainError } from "../errors.ts";
import { isApplePrivateKey } from "../upstream/apple-client-secret.ts";
import { METHOD_SETTINGS } from "./auth-method-settings.ts";
import type { AuthMethodType } from "./auth-method-types.ts";

/** The purpose label oauth2 client secrets are sealed under. */
export const CLIENT_SECRET_PURPOSE = "auth-method-client-secret";

/** The purpose label an Apple .p8 private key is sealed under. */
export const APPLE_KEY_PURPOSE = "auth-method-apple-private-key";

/** Where the sealed Apple key sits in stored settings; never shown, never taken from input. */
export const APPLE_KEY_SEALED = "apple_private_key_sealed";

/** A stored method's sealed Apple key, or null. */
export function appleKeySealed(row: { settings: Record<string, unknown> }): string | null {
  const value = row.settings[APPLE_KEY_SEALED];
  return typeof value === "string" ? value : null;
}

export interface ResolvedSettings {
  settings: Record<string, unknown>;
  clientSecretSealed: string | null;
}

interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

function invalid(method: AuthMethodType, fields: FieldIssue[]): DomainError {
  const text = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
  return new DomainError("VALIDATION_FAILED", `Invalid ${method} settings: ${text}`, { fields });
}

/** A new write-only value is sealed, `null` removes it, absence keeps `current`. */
async function sealed(
  value: unknown,
  sealKey: string,
  purpose: string,
  current: string | null,
): Promise<string | null> {
  if (typeof value === "string") return seal(sealKey, purpose, value);
  return value === null ? null : current;
}

/** Apple's team id, key id and private key go together: all three or none (naming the missing). */
async function checkAppleKey(
  method: AuthMethodType,
  settings: Record<string, unknown>,
  newKey: unknown,
  keySealed: string | null,
): Promise<void> {
  if (typeof newKey === "string" && !(await isApplePrivateKey(newKey))) {
    throw invalid(method, [
      {
        field: "settings.apple_private_key",
        code: "custom",
        message: "must be a PKCS#8 EC P-256 private key in PEM (Apple's .p8 file)",
      },
    ]);
  }
  const parts = {
    apple_team_id: Boolean(settings.apple_team_id),
    apple_key_id: Boolean(settings.apple_key_id),
    apple_private_key: keySealed !== null,
  };
  const missing = Object.entries(parts).filter(([, set]) => !set);
  if (missing.length === 0 || missing.length === 3) return;
  throw invalid(
    method,
    missing.map(([field]) => ({
      field: `settings.${field}`,
      code: "custom",
      message: "apple_team_id, apple_key_id and apple_private_key are set together",
    })),
  );
}

/**
 * Validates a kind's settings (defaults filled in) and takes the write-only values out of them:
 * `client_secret` is sealed apart (`clientSecretSealed`), `apple_private_key` is checked and
 * kept sealed in the settings under {@link APPLE_KEY_SEALED}; `currentSealed` and
 * `currentAppleKey` are what an update keeps when the value is absent.
 */
export async function resolveSettings(
  method: AuthMethodType,
  raw: Record<string, unknown>,
  sealKey: string,
  currentSealed: string | null = null,
  currentAppleKey: string | null = null,
): Promise<ResolvedSettings> {
  const { [APPLE_KEY_SEALED]: _stored, ...input } = raw;
  const parsed = METHOD_SETTINGS[method].safeParse(input);
  if (!parsed.success) {
    throw invalid(
      method,
      parsed.error.issues.map((issue) => ({
        field: ["settings", ...issue.path].join("."),
        code: issue.code,
        message: issue.message,
      })),
    );
  }
  const {
    client_secret: secret,
    apple_private_key: appleKey,
    ...settings
  } = parsed.data as Record<string, unknown>;
  const appleSealed = await sealed(appleKey, sealKey, APPLE_KEY_PURPOSE, currentAppleKey);
  await checkAppleKey(method, settings, appleKey, appleSealed);
  return {
    settings: appleSealed ? { ...settings, [APPLE_KEY_SEALED]: appleSealed } : settings,
    clientSecretSealed: await sealed(secret, sealKey, CLIENT_SECRET_PURPOSE, currentSealed),
  };
}
