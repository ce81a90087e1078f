import type { DemoSeed } from "./seed.ts";

/** Where `examples/hono-login` runs under `wrangler dev` (its wrangler.toml `[dev] port`). */
export const EXAMPLE_APP_URL = "http://localhost:8789";

/** The example's `.dev.vars`: the seeded demo web client, whose redirect URIs include the example's. */
export function exampleDevVars(idpUrl: string, seed: DemoSeed): Record<string, string> {
  return {
    AUTHPI_ISSUER_URL: `${idpUrl}/${seed.issuer_id}`,
    AUTHPI_CLIENT_ID: seed.clients.web.client_id,
    AUTHPI_CLIENT_SECRET: seed.clients.web.client_secret ?? "",
    AUTHPI_REDIRECT_URI: `${EXAMPLE_APP_URL}/callback`,
  };
}

/** `KEY="value"` lines, as wrangler reads `.dev.vars`. */
export function devVarsFile(vars: Record<string, string>): string {
  return `${Object.entries(vars)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join("\n")}\n`;
}
