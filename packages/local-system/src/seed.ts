import { randomBytes } from "node:crypto";
import { EXAMPLE_APP_URL } from "./example-vars.ts";

export interface DemoClient {
  client_id: string;
  client_secret: string | null;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
}

export interface DemoSeed {
  account_id: string;
  api_key_id: string;
  api_key_secret: string;
  issuer_id: string;
  clients: { web: DemoClient; spa: DemoClient; m2m: DemoClient; thirdParty: DemoClient };
  user: { id: string; username: string; password: string };
}

async function call<T>(url: string, init: RequestInit & { auth: string }): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", authorization: init.auth },
  });
  const body = (await response.json()) as { data: T; error_description?: string };
  if (!response.ok)
    throw new Error(`${init.method} ${url}: ${response.status} ${body.error_description}`);
  return body.data;
}

/**
 * Seeds the demo through the Core API itself: bootstrap an account and its owner key, then
 * an issuer, a confidential web client, a public SPA client, an M2M client, a third-party web
 * client (asks for consent) and a user.
 */
export async function seedDemo(coreUrl: string, bootstrapToken: string): Promise<DemoSeed> {
  const boot = await call<{ account_id: string; api_key_id: string; api_key_secret: string }>(
    `${coreUrl}/v1/bootstrap`,
    {
      method: "POST",
      auth: `Bearer ${bootstrapToken}`,
      body: JSON.stringify({ account_name: "Demo" }),
    },
  );
  const auth = `Basic ${Buffer.from(`${boot.api_key_id}:${boot.api_key_secret}`).toString("base64")}`;
  const base = `${coreUrl}/v1/accounts/${boot.account_id}`;
  const issuer = await call<{ id: string }>(`${base}/issuers`, {
    method: "POST",
    auth,
    // Open signup with email verification, so a newcomer can try "Create an account" (docs/signup.md).
    body: JSON.stringify({
      name: "demo",
      description: "Seeded by pnpm dev",
      settings: { allow_new_users: true, verify_email_address_on_signup: true },
    }),
  });
  const client = async (
    name: string,
    type: string,
    redirect: string[],
    logout: string[],
    scopes: string[] = [],
    extra: Record<string, unknown> = {},
  ) => {
    const created = await call<{ id: string; secret: string | null }>(
      `${base}/issuers/${issuer.id}/clients`,
      {
        method: "POST",
        auth,
        body: JSON.stringify({
          name,
          type,
          settings: {
            redirect_uris: redirect,
            post_logout_redirect_uris: logout,
            ...(scopes.length > 0 ? { scopes } : {}),
            ...extra,
          },
        }),
      },
    );
    return {
      client_id: created.id,
      client_secret: created.secret,
      redirect_uris: redirect,
      post_logout_redirect_uris: logout,
    };
  };
  const web = await client(
    "Demo web app",
    "web",
    // The second pair is examples/hono-login's, so it runs with this client as its README says.
    ["http://localhost:3000/callback", `${EXAMPLE_APP_URL}/callback`],
    ["http://localhost:3000/", `${EXAMPLE_APP_URL}/`],
  );
  const spa = await client(
    "Demo SPA",
    "spa",
    ["http://localhost:5173/callback"],
    ["http://localhost:5173/"],
  );
  const m2m = await client("Demo service", "m2m", [], [], ["api:read", "api:write"]);
  // Not first-party: its users see the consent page once (docs/consent.md).
  const thirdParty = await client(
    "Demo third-party app",
    "web",
    ["http://localhost:3001/callback"],
    ["http://localhost:3001/"],
    [],
    { first_party: false },
  );
  // Email sign-in (a code and a link by email) next to the defaults, so a newcomer can try every
  // journey; in `pnpm dev` the emails are kept under .authpi/mail/ (docs/email-sign-in.md).
  await call(`${base}/issuers/${issuer.id}/auth-methods`, {
    method: "POST",
    auth,
    body: JSON.stringify({ name: "Email code", method: "email-link", enabled: true, settings: {} }),
  });
  const password = randomBytes(12).toString("base64url");
  const user = await call<{ id: string; username: string }>(`${base}/issuers/${issuer.id}/users`, {
    method: "POST",
    auth,
    body: JSON.stringify({
      username_type: "email",
      username: "demo@example.com",
      password,
      profile: { first_name: "Demo", last_name: "User", email_verified: true },
    }),
  });
  return {
    account_id: boot.account_id,
    api_key_id: boot.api_key_id,
    api_key_secret: boot.api_key_secret,
    issuer_id: issuer.id,
    clients: { web, spa, m2m, thirdParty },
    user: { id: user.id, username: user.username, password },
  };
}
