import type { ResourceKind } from "./live-state.ts";

export interface KindSpec {
  kind: ResourceKind;
  /** Where its collection lives under the account (`{issuer}` is the issuer id). */
  collection: string;
  /** Top-level fields whose PATCH merges into the live value (RFC 7396), so the subset is sent. */
  mergePatch: ReadonlySet<string>;
  /** Fields that cannot change once created. */
  immutable: readonly string[];
  /** Fields the create body does not take: set by a PATCH right after the create. */
  createOmit: readonly string[];
  /** Carries `metadata.authpi_key` (auth methods have no metadata: matched by kind or name). */
  keyed: boolean;
}

export const KINDS: Record<ResourceKind, KindSpec> = {
  issuer: {
    kind: "issuer",
    createOmit: [],
    collection: "/issuers",
    mergePatch: new Set(["settings"]),
    immutable: [],
    keyed: true,
  },
  auth_method: {
    kind: "auth_method",
    createOmit: [],
    collection: "/issuers/{issuer}/auth-methods",
    mergePatch: new Set(["settings"]),
    immutable: ["method"],
    keyed: false,
  },
  client: {
    kind: "client",
    createOmit: ["status"],
    collection: "/issuers/{issuer}/clients",
    mergePatch: new Set(),
    immutable: ["type"],
    keyed: true,
  },
  organization: {
    kind: "organization",
    createOmit: ["status"],
    collection: "/issuers/{issuer}/organizations",
    mergePatch: new Set(),
    immutable: [],
    keyed: true,
  },
  webhook: {
    kind: "webhook",
    createOmit: ["status"],
    collection: "/webhooks",
    mergePatch: new Set(),
    immutable: ["auth"],
    keyed: true,
  },
};

/** Names the Core API gives the auth methods it creates with every issuer. */
export const AUTH_METHOD_LABELS: Record<string, string> = {
  password: "Password",
  "email-link": "Email link",
  webauthn: "Passkeys",
  totp_app: "Authenticator app",
  backup_codes: "Backup codes",
  "temporary-password": "Temporary password",
};
