import { z } from "zod";
import { seal } from "../../crypto/sealed-box.ts";
import { DomainError, type FieldError } from "../../errors.ts";
import type { EventType } from "../../events/catalogue.ts";
import type { SsoConfig } from "../../values/sso-config.ts";

export type { SsoConfig } from "../../values/sso-config.ts";

/** The purpose label SSO client secrets are sealed under. */
export const SSO_SECRET_PURPOSE = "organization-sso-client-secret";

/** https, or plain http to a loopback host only (RFC 8252 §8.3): a local stand-in IdP in development. */
function isIdpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol === "https:") return true;
  const host = url.hostname;
  const loopback = host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  return url.protocol === "http:" && loopback;
}

const IdpUrl = z
  .string()
  .url()
  .max(2000)
  .refine(isIdpUrl, "must be an https URL (http only for a loopback host)");

/** `sso` on an organization's create or PATCH; `oidc.client_secret` is write-only. */
export const SsoInput = z.strictObject({
  enabled: z.boolean().optional(),
  sso_only: z.boolean().optional(),
  protocol: z.enum(["oidc", "saml"]).optional(),
  oidc: z
    .strictObject({
      issuer: IdpUrl.nullish(),
      client_id: z.string().min(1).max(500).nullish(),
      client_secret: z.string().min(1).max(2000).nullish(),
      scopes: z.array(z.string().min(1).max(200)).max(50).optional(),
      // The IdP's answers that count as multi-factor here (issue 17 §3), as on oauth2 methods.
      mfa_amr_values: z.array(z.string().min(1).max(100)).max(20).optional(),
      mfa_acr_values: z.array(z.string().min(1).max(300)).max(20).optional(),
    })
    .optional(),
});
export type SsoInput = z.output<typeof SsoInput>;

/** The SSO columns of an organization row. */
export interface SsoColumns {
  ssoEnabled: boolean;
  ssoOnly: boolean;
  sso: SsoConfig;
  ssoClientSecretSealed: string | null;
}

function refuse(fields: FieldError[]): never {
  const text = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
  throw new DomainError("VALIDATION_FAILED", `Invalid SSO configuration: ${text}`, { fields });
}

/**
 * Applies an `sso` patch. Enabling needs a complete OIDC connection (issuer, client id, secret);
 * `sso_only` needs SSO enabled, and turning SSO off turns `sso_only` off with it.
 */
export async function applySsoInput(
  current: SsoColumns,
  input: SsoInput,
  sealKey: string,
): Promise<{ columns: SsoColumns; events: EventType[] }> {
  if (input.protocol === "saml") {
    refuse([
      { field: "sso.protocol", code: "not_available", message: "SAML is not available yet" },
    ]);
  }
  const { client_secret: secret, ...oidc } = input.oidc ?? {};
  const sso: SsoConfig = {
    ...current.sso,
    ...(input.protocol ? { protocol: input.protocol } : {}),
    oidc: { ...current.sso.oidc, ...oidc },
  };
  if (typeof secret === "string" && !sealKey) throw new Error("no key to seal the SSO secret");
  const sealed =
    typeof secret === "string"
      ? await seal(sealKey, SSO_SECRET_PURPOSE, secret)
      : secret === null
        ? null
        : current.ssoClientSecretSealed;
  const enabled = input.enabled ?? current.ssoEnabled;
  const ssoOnly = enabled ? (input.sso_only ?? current.ssoOnly) : false;
  if (input.sso_only && !enabled) {
    refuse([{ field: "sso.sso_only", code: "invalid", message: "needs SSO enabled" }]);
  }
  if (enabled) {
    const missing: FieldError[] = [];
    const need = (ok: unknown, field: string) =>
      ok || missing.push({ field, code: "required", message: "is required to enable SSO" });
    need(sso.protocol === "oidc", "sso.protocol");
    need(sso.oidc?.issuer, "sso.oidc.issuer");
    need(sso.oidc?.client_id, "sso.oidc.client_id");
    need(sealed, "sso.oidc.client_secret");
    if (missing.length) refuse(missing);
  }
  const events: EventType[] = [];
  if (enabled !== current.ssoEnabled) {
    events.push(enabled ? "organization.sso.enabled" : "organization.sso.disabled");
  } else events.push("organization.sso.updated");
  return { columns: { ssoEnabled: enabled, ssoOnly, sso, ssoClientSecretSealed: sealed }, events };
}
