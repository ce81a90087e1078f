// The ceiling: a bare worker that parses a client_credentials request and signs one ES256 JWT,
// nothing else (no storage, no client lookup). What any token endpoint on workerd can reach.
import { importJWK, type JWK, SignJWT } from "jose";

interface Env {
  SIGNING_JWK: string;
}

let key: Promise<{ key: CryptoKey; kid: string }> | undefined;

function signingKey(env: Env) {
  key ??= (async () => {
    const jwk = JSON.parse(env.SIGNING_JWK) as JWK;
    return { key: (await importJWK(jwk, "ES256")) as CryptoKey, kid: jwk.kid ?? "ceiling" };
  })();
  return key;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== "POST") return new Response("ok");
    const form = new URLSearchParams(await request.text());
    const basic = request.headers.get("authorization")?.replace(/^Basic /, "") ?? "";
    const clientId = atob(basic).split(":")[0] || form.get("client_id") || "anonymous";
    const { key: privateKey, kid } = await signingKey(env);
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({ scope: form.get("scope") ?? "", client_id: clientId })
      .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid })
      .setIssuer(new URL(request.url).origin)
      .setSubject(clientId)
      .setAudience(form.get("resource") ?? "https://api.example.com")
      .setIssuedAt(now)
      .setExpirationTime(now + 1800)
      .setJti(crypto.randomUUID())
      .sign(privateKey);
    return Response.json(
      { access_token: accessToken, token_type: "Bearer", expires_in: 1800 },
      { headers: { "cache-control": "no-store" } },
    );
  },
};
