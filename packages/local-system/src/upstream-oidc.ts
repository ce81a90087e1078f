import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

/** A person the stand-in upstream knows: what they type, and what its ID token says of them. */
export interface UpstreamAccount {
  username: string;
  password: string;
  email: string;
  emailVerified: boolean;
  name: string;
  /** The ID token's `amr` (RFC 8176), e.g. `["pwd", "otp"]` for a multi-factor sign-in. */
  amr?: string[];
  acr?: string;
}

export interface UpstreamOidcOptions {
  /** Our callback(s): `{idp}/{issuer_id}/upstream/callback`. */
  redirectUris: string[];
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  accounts?: UpstreamAccount[];
}

export interface UpstreamOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, UpstreamAccount>;
  stop(): Promise<void>;
}

const SCOPE = "openid email profile";

/** Grants what a client asks for: the stand-in shows no consent page. */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { client, session, result } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
  if (existing) return existing;
  const grant = new ctx.oidc.provider.Grant({
    clientId: client.clientId,
    accountId: session.accountId,
  });
  grant.addOIDCScope(SCOPE);
  await grant.save();
  return grant;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function loginPage(uid: string, error: string | null): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Local OIDC upstream</title></head>
<body><main><h1>Local OIDC upstream</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}">
<label for="login">Upstream username</label><input id="login" name="login" autocomplete="username" required>
<label for="password">Upstream password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in upstream</button></form></main></body></html>`;
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/**
 * A real OpenID Provider (node-oidc-provider, a certified OP) on loopback, standing in for an
 * upstream such as Google in `pnpm dev` and the tests: code flow with PKCE S256, ES256 ID tokens
 * carrying email, `amr` and `acr`, and a plain login page for its accounts.
 */
export async function startUpstreamOidc(options: UpstreamOidcOptions): Promise<UpstreamOidc> {
  const host = options.host ?? "127.0.0.1";
  const clientId = options.clientId ?? "authpi-edge-local";
  const clientSecret = options.clientSecret ?? randomBytes(24).toString("base64url");
  const accounts = new Map((options.accounts ?? []).map((a) => [a.username, a]));
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    res.writeHead(503).end();
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "upstream-es256", alg: "ES256", use: "sig" };
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
        id_token_signed_response_alg: "ES256",
      },
    ],
    jwks: { keys: [jwk as never] },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
        }),
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    acrValues: ["urn:local:loa:1", "urn:local:loa:2"],
    // The claims of the scopes go into the ID token (as Google's do), not only userinfo.
    conformIdTokenClaims: false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(24).toString("base64url")] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    loadExistingGrant,
    ttl: {
      AuthorizationCode: 60,
      IdToken: 600,
      AccessToken: 600,
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
    },
  };
  const provider = new Provider(issuer, configuration);
  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string) {
    if (req.method === "GET") {
      await provider.interactionDetails(req, res);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(uid, null));
      return;
    }
    const form = await formOf(req);
    const account = accounts.get(form.get("login") ?? "");
    if (!account || account.password !== form.get("password")) {
      res.writeHead(401, { "content-type": "text/html; charset=utf-8" });
      res.end(loginPage(uid, "Wrong username or password."));
      return;
    }
    const login = {
      accountId: account.username,
      amr: account.amr ?? ["pwd"],
      ...(account.acr ? { acr: account.acr } : {}),
    };
    await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
  }

  handle = (req, res) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? "");
    if (match?.[1]) {
      interaction(req, res, match[1]).catch((error: Error) => {
        res.writeHead(400, { "content-type": "text/plain" }).end(error.message);
      });
      return;
    }
    oidc(req, res);
  };

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
