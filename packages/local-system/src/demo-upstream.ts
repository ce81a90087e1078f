import type { DemoSeed } from "./seed.ts";
import { startUpstreamOidc, type UpstreamAccount, type UpstreamOidc } from "./upstream-oidc.ts";

/** The stand-in upstream's one person, printed by `pnpm dev` (docs/upstream-oidc.md). */
export const DEMO_UPSTREAM_ACCOUNT: UpstreamAccount = {
  username: "upstream-demo",
  password: "upstream-demo-password",
  email: "upstream-demo@example.com",
  emailVerified: true,
  name: "Upstream Demo",
};

/** The demo's oauth2 method names this provider; it is found again by it after a restart. */
export const DEMO_UPSTREAM_PROVIDER = "local-oidc";

type Method = { id: string; method: string; settings: { provider?: string } };

async function call<T>(url: string, auth: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { authorization: auth, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as { data: T; error_description?: string };
  if (!response.ok)
    throw new Error(`${method} ${url}: ${response.status} ${json.error_description}`);
  return json.data;
}

/**
 * Starts the local OIDC upstream for `pnpm dev` and points the demo issuer's `oauth2` method at
 * it (created once, then updated with this run's address and client secret), so "Continue with
 * Local OIDC" works on the demo login page.
 */
export async function startDemoUpstream(p: {
  coreUrl: string;
  idpUrl: string;
  seed: DemoSeed;
  port: number;
  host?: string;
}): Promise<{ upstream: UpstreamOidc; methodId: string }> {
  const start = (port: number) =>
    startUpstreamOidc({
      redirectUris: [`${p.idpUrl}/${p.seed.issuer_id}/upstream/callback`],
      port,
      ...(p.host ? { host: p.host } : {}),
      accounts: [DEMO_UPSTREAM_ACCOUNT],
    });
  // The method is re-pointed on every start, so a busy port only moves the upstream elsewhere.
  const upstream = await start(p.port).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    console.warn(`Port ${p.port} is busy: the local OIDC upstream takes a free port.`);
    return start(0);
  });
  const auth = `Basic ${Buffer.from(`${p.seed.api_key_id}:${p.seed.api_key_secret}`).toString("base64")}`;
  const base = `${p.coreUrl}/v1/accounts/${p.seed.account_id}/issuers/${p.seed.issuer_id}/auth-methods`;
  const settings = {
    issuer: upstream.issuer,
    client_id: upstream.clientId,
    client_secret: upstream.clientSecret,
  };
  const methods = await call<Method[]>(`${base}?limit=100`, auth, "GET");
  const existing = methods.find(
    (m) => m.method === "oauth2" && m.settings.provider === DEMO_UPSTREAM_PROVIDER,
  );
  const method = existing
    ? await call<Method>(`${base}/${existing.id}`, auth, "PATCH", { enabled: true, settings })
    : await call<Method>(base, auth, "POST", {
        name: "Local OIDC",
        method: "oauth2",
        enabled: true,
        settings: { ...settings, provider: DEMO_UPSTREAM_PROVIDER, display_name: "Local OIDC" },
      });
  return { upstream, methodId: method.id };
}
