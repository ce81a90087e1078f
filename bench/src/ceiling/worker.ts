// The ceilings: bare workers that do only what a token path must, nothing of ours (no routing
// framework, no client lookup, no validation). What any token endpoint on workerd can reach.
// - POST /token: parse a client_credentials request, sign one ES256 JWT.
// - POST /stateful-token: parse a form, one Durable Object call that spends a single-use row and
//   opens a session row in SQLite, sign two ES256 JWTs (a code exchange's minimum).
// - POST /stateful-verify: parse a form, verify one ES256 JWT, one Durable Object call that reads
//   a row (an introspection's or a userinfo's minimum).
// - POST /{issuer}/hono-token: the /token ceiling inside a bare Hono app (one route with a path
//   parameter, as the IdP worker's), the cost of the framework the design names and nothing else.
// - GET /document?bytes=N: a JSON document of N bytes built once and served from memory (a JWKS
//   endpoint's minimum, for a key set of that size); any other GET: "ok", no work at all.
import { DurableObject } from "cloudflare:workers";
import { Hono } from "hono";
import { importJWK, type JWK, jwtVerify, SignJWT } from "jose";

interface Env {
  SIGNING_JWK: string;
  STORE?: DurableObjectNamespace<CeilingStore>;
}

interface Keys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  kid: string;
}

let keys: Promise<Keys> | undefined;

function signingKeys(env: Env): Promise<Keys> {
  keys ??= (async () => {
    const jwk = JSON.parse(env.SIGNING_JWK) as JWK;
    const { d: _d, ...publicJwk } = jwk;
    return {
      privateKey: (await importJWK(jwk, "ES256")) as CryptoKey,
      publicKey: (await importJWK(publicJwk, "ES256")) as CryptoKey,
      kid: jwk.kid ?? "ceiling",
    };
  })();
  return keys;
}

/** One SQLite-backed object, as an issuer's store: a single-use row spent, a session opened. */
export class CeilingStore extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, sub TEXT NOT NULL, expires_at INTEGER NOT NULL)",
    );
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, sub TEXT NOT NULL, created_at INTEGER NOT NULL)",
    );
  }

  /** Files a code and spends it at once (the ceiling has no one to mint codes ahead). */
  exchange(code: string, now: number): { sub: string; sid: string } | null {
    const sql = this.ctx.storage.sql;
    return this.ctx.storage.transactionSync(() => {
      sql.exec("INSERT INTO codes VALUES (?, ?, ?)", code, "usr_ceiling", now + 60_000);
      const row = sql
        .exec<{ sub: string }>(
          "DELETE FROM codes WHERE code = ? AND expires_at > ? RETURNING sub",
          code,
          now,
        )
        .toArray()[0];
      if (!row) return null;
      const sid = crypto.randomUUID();
      sql.exec("INSERT INTO sessions VALUES (?, ?, ?)", sid, row.sub, now);
      return { sub: row.sub, sid };
    });
  }

  /** Whether a session is live (a read, as introspection's and userinfo's store call). */
  active(sid: string): boolean {
    return (
      this.ctx.storage.sql.exec("SELECT 1 FROM sessions WHERE id = ?", sid).toArray().length > 0
    );
  }

  /** Opens a session for the verify ceiling's token. */
  open(sid: string, now: number): void {
    this.ctx.storage.sql.exec(
      "INSERT OR IGNORE INTO sessions VALUES (?, ?, ?)",
      sid,
      "usr_ceiling",
      now,
    );
  }
}

function sign(keys: Keys, claims: Record<string, unknown>, typ: string, iss: string, now: number) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", typ, kid: keys.kid })
    .setIssuer(iss)
    .setIssuedAt(now)
    .setExpirationTime(now + 1800)
    .sign(keys.privateKey);
}

const NO_STORE = { headers: { "cache-control": "no-store" } };

function store(env: Env) {
  if (!env.STORE) throw new Error("no STORE binding");
  return env.STORE.get(env.STORE.idFromName("issuer"));
}

async function statefulToken(request: Request, env: Env): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const k = await signingKeys(env);
  const iss = new URL(request.url).origin;
  const spent = await store(env).exchange(form.get("code") ?? crypto.randomUUID(), Date.now());
  if (!spent) return Response.json({ error: "invalid_grant" }, { status: 400 });
  const now = Math.floor(Date.now() / 1000);
  const clientId = form.get("client_id") ?? "bench-web";
  const [accessToken, idToken] = await Promise.all([
    sign(
      k,
      {
        sub: spent.sub,
        sid: spent.sid,
        client_id: clientId,
        jti: crypto.randomUUID(),
        scope: "openid",
      },
      "at+jwt",
      iss,
      now,
    ),
    sign(k, { sub: spent.sub, sid: spent.sid, aud: clientId }, "JWT", iss, now),
  ]);
  return Response.json(
    {
      access_token: accessToken,
      id_token: idToken,
      refresh_token: `rt_${crypto.randomUUID()}`,
      token_type: "Bearer",
      expires_in: 1800,
    },
    NO_STORE,
  );
}

async function statefulVerify(request: Request, env: Env): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const k = await signingKeys(env);
  const { payload } = await jwtVerify(form.get("token") ?? "", k.publicKey, {
    issuer: new URL(request.url).origin,
  });
  const active = await store(env).active(String(payload.sid));
  return Response.json(active ? { active, ...payload } : { active: false }, NO_STORE);
}

/** A token the verify ceiling accepts, with its session opened. */
async function verifiableToken(request: Request, env: Env): Promise<Response> {
  const k = await signingKeys(env);
  const sid = "sid_ceiling";
  await store(env).open(sid, Date.now());
  const now = Math.floor(Date.now() / 1000);
  const token = await sign(
    k,
    { sub: "usr_ceiling", sid },
    "at+jwt",
    new URL(request.url).origin,
    now,
  );
  return Response.json({ token }, NO_STORE);
}

/** The client_credentials ceiling's token for a parsed request. */
async function clientToken(
  env: Env,
  form: URLSearchParams,
  authorization: string | undefined,
  url: string,
) {
  const basic = authorization?.replace(/^Basic /, "") ?? "";
  const clientId = atob(basic).split(":")[0] || form.get("client_id") || "anonymous";
  const { privateKey, kid } = await signingKeys(env);
  const now = Math.floor(Date.now() / 1000);
  const accessToken = await new SignJWT({ scope: form.get("scope") ?? "", client_id: clientId })
    .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid })
    .setIssuer(new URL(url).origin)
    .setSubject(clientId)
    .setAudience(form.get("resource") ?? "https://api.example.com")
    .setIssuedAt(now)
    .setExpirationTime(now + 1800)
    .setJti(crypto.randomUUID())
    .sign(privateKey);
  return { access_token: accessToken, token_type: "Bearer", expires_in: 1800 };
}

async function clientCredentials(request: Request, env: Env): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const authorization = request.headers.get("authorization") ?? undefined;
  return Response.json(await clientToken(env, form, authorization, request.url), NO_STORE);
}

const honoApp = new Hono<{ Bindings: Env }>().post("/:issuer/hono-token", async (c) => {
  const form = new URLSearchParams(await c.req.text());
  const body = await clientToken(c.env, form, c.req.header("authorization"), c.req.url);
  c.header("cache-control", "no-store");
  return c.json(body);
});

const documents = new Map<number, string>();

/** A JSON document of exactly `bytes` bytes (at least 10), the same one for every request. */
function document(bytes: number): Response {
  let body = documents.get(bytes);
  if (body === undefined) {
    body = `{"pad":"${"x".repeat(Math.max(0, bytes - 10))}"}`;
    documents.set(bytes, body);
  }
  return new Response(body, {
    headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
  });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== "POST") {
      const bytes = /\/document\?bytes=(\d+)$/.exec(request.url)?.[1];
      return bytes ? document(Number(bytes)) : new Response("ok");
    }
    const { pathname } = new URL(request.url);
    if (pathname === "/stateful-token") return statefulToken(request, env);
    if (pathname === "/stateful-verify") return statefulVerify(request, env);
    if (pathname === "/verifiable-token") return verifiableToken(request, env);
    if (pathname.endsWith("/hono-token")) return honoApp.fetch(request, env);
    return clientCredentials(request, env);
  },
};
