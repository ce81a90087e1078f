import type { Secret } from "./secrets.ts";

type Wire = Record<string, unknown>;
export type Operation = "list" | "get" | "create" | "update" | "delete";

export interface ResourceAction {
  /** Subcommand name, and the path segment after the id. */
  name: string;
  suffix: string;
  summary: string;
}

export interface ResourceDef {
  name: string;
  singular: string;
  /** Under `/v1/accounts/{account_id}`; `{issuer}` and `{org}` come from `--issuer` and `--org`. */
  path: string;
  ops: readonly Operation[];
  columns: readonly string[];
  /** Spellings of the verbs where the API's own words differ (members are added and removed). */
  verbs?: Partial<Record<Operation, string>>;
  actions?: readonly ResourceAction[];
  /** The one-time secrets a create or an action returns, and the resource without them. */
  secrets?: (wire: Wire) => { secrets: Secret[]; redacted: Wire };
}

const CRUD = ["list", "get", "create", "update", "delete"] as const;

function plainSecret(field: string, name: string) {
  return (wire: Wire) => {
    const value = wire[field];
    if (typeof value !== "string") return { secrets: [], redacted: wire };
    return {
      secrets: [{ name, value }],
      redacted: { ...wire, [field]: "(kept out of the output)" },
    };
  };
}

function webhookSecrets(wire: Wire) {
  const auth = { ...(wire.auth as Wire | undefined) };
  const secrets: Secret[] = [];
  for (const [field, name] of [
    ["signature_secret_plain", "signature_secret"],
    ["bearer_token_plain", "bearer_token"],
  ] as const) {
    if (typeof auth[field] === "string") {
      secrets.push({ name, value: auth[field] as string });
      auth[field] = "(kept out of the output)";
    }
  }
  return { secrets, redacted: { ...wire, auth } };
}

/** The resources `authpi <resource> <verb>` manages, by their Core API collections. */
export const RESOURCES: readonly ResourceDef[] = [
  {
    name: "issuers",
    singular: "issuer",
    path: "/issuers",
    ops: CRUD,
    columns: ["id", "name", "status", "readiness", "created_at"],
  },
  {
    name: "clients",
    singular: "client",
    path: "/issuers/{issuer}/clients",
    ops: CRUD,
    columns: ["id", "name", "type", "status", "grant_types", "created_at"],
    actions: [{ name: "rotate-secret", suffix: "secret/rotate", summary: "Issue a new secret" }],
    secrets: plainSecret("secret", "client_secret"),
  },
  {
    name: "users",
    singular: "user",
    path: "/issuers/{issuer}/users",
    ops: CRUD,
    columns: ["id", "username", "status", "created_at"],
  },
  {
    name: "organizations",
    singular: "organization",
    path: "/issuers/{issuer}/organizations",
    ops: CRUD,
    columns: ["id", "name", "status", "org_type", "created_at"],
  },
  {
    name: "members",
    singular: "member",
    path: "/issuers/{issuer}/organizations/{org}/members",
    ops: ["list", "create", "update", "delete"],
    verbs: { create: "add", delete: "remove" },
    columns: ["member_id", "member_type", "status", "scopes", "joined_at"],
  },
  {
    name: "invitations",
    singular: "invitation",
    path: "/issuers/{issuer}/organizations/{org}/invitations",
    ops: ["list", "get", "create", "update"],
    columns: ["id", "email", "status", "expires_at", "created_at"],
    actions: [
      { name: "resend", suffix: "resend", summary: "Send the invitation email again" },
      { name: "revoke", suffix: "revoke", summary: "Revoke the invitation" },
    ],
  },
  {
    name: "api-keys",
    singular: "API key",
    path: "/api-keys",
    ops: CRUD,
    columns: ["id", "name", "status", "secret_hint", "expires_at", "created_at"],
    actions: [
      { name: "rotate", suffix: "rotate", summary: "Issue a new secret for the key" },
      { name: "block", suffix: "block", summary: "Block the key" },
      { name: "unblock", suffix: "unblock", summary: "Unblock the key" },
      { name: "revoke", suffix: "revoke", summary: "Revoke the key for good" },
    ],
    secrets: plainSecret("secret_plain", "api_key_secret"),
  },
  {
    name: "webhooks",
    singular: "webhook",
    path: "/webhooks",
    ops: CRUD,
    columns: ["id", "name", "url", "status", "events", "created_at"],
    actions: [
      { name: "rotate-secret", suffix: "rotate-secret", summary: "Rotate the signing secret" },
      { name: "test", suffix: "test", summary: "Send a test event" },
    ],
    secrets: webhookSecrets,
  },
];
