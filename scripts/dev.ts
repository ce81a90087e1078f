// `pnpm dev`: the whole system on local workerd, seeded, with URLs and demo credentials printed.
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEMO_UPSTREAM_ACCOUNT, startDemoUpstream } from "@authpi/local-system/demo-upstream";
import { devVarsFile, exampleDevVars } from "@authpi/local-system/example-vars";
import { REPO_ROOT } from "@authpi/local-system/paths";
import { type DemoSeed, seedDemo } from "@authpi/local-system/seed";
import { startLocalSystem } from "@authpi/local-system/system";

const { values } = parseArgs({
  options: {
    reset: { type: "boolean", default: false },
    "idp-port": { type: "string", default: process.env.IDP_PORT ?? "8787" },
    "core-port": { type: "string", default: process.env.CORE_PORT ?? "8788" },
    "upstream-port": { type: "string", default: process.env.UPSTREAM_PORT ?? "8789" },
    host: { type: "string", default: process.env.HOST ?? "127.0.0.1" },
  },
});

// AUTHPI_DIR moves the state and dev.json elsewhere (the system tests run `pnpm dev` in a temp dir).
const dir = path.resolve(process.env.AUTHPI_DIR ?? path.join(REPO_ROOT, ".authpi"));
const stateDir = path.join(dir, "state");
const seedFile = path.join(stateDir, "seed.json");
const devFile = path.join(dir, "dev.json");
const mailDir = path.join(dir, "mail");

await rm(devFile, { force: true });
if (values.reset) {
  await rm(dir, { recursive: true, force: true });
  console.log("Local state wiped.");
}
await mkdir(stateDir, { recursive: true });

const system = await startLocalSystem({
  persistDir: stateDir,
  idpPort: Number(values["idp-port"]),
  corePort: Number(values["core-port"]),
  host: values.host,
  watch: true,
  crons: true,
  logLevel: "info",
  mailDir,
  // Domain verification's DNS-over-HTTPS resolver (the system tests point it at a local fake).
  ...(process.env.DOH_RESOLVER_URL
    ? { vars: { DOH_RESOLVER_URL: process.env.DOH_RESOLVER_URL } }
    : {}),
});

async function existingSeed(): Promise<DemoSeed | null> {
  if (!existsSync(seedFile)) return null;
  const seed = JSON.parse(await readFile(seedFile, "utf8")) as DemoSeed;
  const auth = Buffer.from(`${seed.api_key_id}:${seed.api_key_secret}`).toString("base64");
  const url = `${system.coreUrl}/v1/accounts/${seed.account_id}/issuers/${seed.issuer_id}`;
  const response = await fetch(url, { headers: { authorization: `Basic ${auth}` } });
  return response.ok ? seed : null;
}

let seed = await existingSeed();
if (!seed) {
  try {
    seed = await seedDemo(system.coreUrl, system.secrets.BOOTSTRAP_TOKEN);
  } catch (error) {
    console.error(`Seeding the demo failed: ${(error as Error).message}`);
    await system.stop();
    // A half-seeded state is unusable (the owner key's secret is shown only once): start clean next time.
    await rm(stateDir, { recursive: true, force: true });
    console.error("The local state was wiped; run `pnpm dev` again.");
    process.exit(1);
  }
  await writeFile(seedFile, JSON.stringify(seed, null, 2), { mode: 0o600 });
}

// The stand-in OIDC upstream behind "Continue with Local OIDC" (docs/upstream-oidc.md).
const { upstream } = await startDemoUpstream({
  coreUrl: system.coreUrl,
  idpUrl: system.idpUrl,
  seed,
  port: Number(values["upstream-port"]),
  host: values.host,
});

const info = {
  core_api_url: system.coreUrl,
  idp_api_url: system.idpUrl,
  account_id: seed.account_id,
  api_key_id: seed.api_key_id,
  api_key_secret: seed.api_key_secret,
  issuer_id: seed.issuer_id,
  issuer_url: `${system.idpUrl}/${seed.issuer_id}`,
  clients: seed.clients,
  user: { id: seed.user.id, username: seed.user.username, password: seed.user.password },
  mail_dir: mailDir,
  upstream: {
    issuer: upstream.issuer,
    username: DEMO_UPSTREAM_ACCOUNT.username,
    password: DEMO_UPSTREAM_ACCOUNT.password,
  },
};
// Written aside and renamed, so a reader never sees a half-written file.
await writeFile(`${devFile}.tmp`, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
await rename(`${devFile}.tmp`, devFile);
// examples/hono-login reads the demo web client from its .dev.vars (gitignored), written beside
// dev.json: in the repository's own .authpi run, that is the example's folder.
const exampleVars = process.env.AUTHPI_DIR
  ? path.join(dir, "hono-login.dev.vars")
  : path.join(REPO_ROOT, "examples/hono-login/.dev.vars");
await writeFile(exampleVars, devVarsFile(exampleDevVars(system.idpUrl, seed)), { mode: 0o600 });

/**
 * A sign-in for the demo SPA client (code + PKCE S256 with a fixed verifier, RFC 7636 §4.2):
 * its login page links to "Create an account" (docs/signup.md).
 */
function trySignInUrl(issuerUrl: string, spa: DemoSeed["clients"]["spa"]): string {
  const verifier = "authpi-dev-signup".padEnd(43, "0");
  const params = new URLSearchParams({
    client_id: spa.client_id,
    redirect_uri: spa.redirect_uris[0] ?? "",
    response_type: "code",
    scope: "openid email profile",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  return `${issuerUrl}/authorize?${params}`;
}

console.log(`
AuthPI Edge is running (workerd, local D1 / Durable Objects / Queues).

  IdP API   ${info.idp_api_url}
  Core API  ${info.core_api_url}   (OpenAPI: ${info.core_api_url}/openapi.json)
  Issuer    ${info.issuer_url}
            ${info.issuer_url}/.well-known/openid-configuration
  Account page   ${info.issuer_url}/account   (the demo user's portal: profile, password, passkeys, sessions)

  Core API key   ${info.api_key_id} : ${info.api_key_secret}
  Account        ${info.account_id}
  Web client     ${seed.clients.web.client_id} : ${seed.clients.web.client_secret}
                 redirect ${seed.clients.web.redirect_uris.join(", ")}
  SPA client     ${seed.clients.spa.client_id} (public, PKCE)
                 redirect ${seed.clients.spa.redirect_uris.join(", ")}
  M2M client     ${seed.clients.m2m.client_id} : ${seed.clients.m2m.client_secret}
  Third-party    ${seed.clients.thirdParty.client_id} : ${seed.clients.thirdParty.client_secret}
                 redirect ${seed.clients.thirdParty.redirect_uris.join(", ")} (asks for consent)
  Demo user      ${info.user.username} / ${info.user.password}
  Sign in / up   ${trySignInUrl(info.issuer_url, seed.clients.spa)}
                 then "Create an account" (signup with email verification: docs/signup.md)
  Upstream       "Continue with Local OIDC": ${info.upstream.issuer} (a local OpenID Provider)
                 its user ${info.upstream.username} / ${info.upstream.password} (docs/upstream-oidc.md)

  Emails         printed here and kept as .eml files in ${path.relative(process.cwd(), mailDir) || mailDir}/

  Example app    cd examples/hono-login && npx -y pnpm@12 dev   (its .dev.vars is written)

  All of this is in .authpi/dev.json. Ctrl+C stops; \`pnpm dev --reset\` wipes local data.
`);

// Miniflare's own signal handling may end the process first; "exit" listeners always run.
process.on("exit", () => rmSync(devFile, { force: true }));
const shutdown = async () => {
  await upstream.stop();
  await system.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
