import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";

/**
 * An OIDC upstream whose ID tokens a test scripts, to prove the checks of ours: `/authorize`
 * answers at once with a code, `/token` returns an ES256 ID token built from the request
 * (`iss`, `aud`, `nonce`) with `tamper` applied, signed by its key or by `signWithStranger`.
 */
export class ScriptedOidc {
  readonly clientId = "scripted-client";
  tamper: (claims: JWTPayload) => JWTPayload = (claims) => claims;
  signWithStranger = false;
  /** The `issuer` discovery under a path advertises (e.g. Microsoft's `{tenantid}` template). */
  discoveryIssuer: (path: string) => string = (path) => `${this.url}${path}`;
  /** Checks a token request's form; a message refuses it with 401 `invalid_client` (RFC 6749 §5.2). */
  checkClient: (form: URLSearchParams) => Promise<string | null> = async () => null;
  /** The token requests refused by `checkClient`, with their reasons. */
  readonly refusedClients: string[] = [];
  readonly #nonces = new Map<string, string>();
  #server: Server | undefined;
  #keys: { own: CryptoKey; stranger: CryptoKey; jwk: object } | undefined;
  url = "";

  async start(): Promise<this> {
    const own = await generateKeyPair("ES256", { extractable: true });
    const stranger = await generateKeyPair("ES256");
    const jwk = { ...(await exportJWK(own.publicKey)), kid: "scripted", alg: "ES256", use: "sig" };
    this.#keys = { own: own.privateKey, stranger: stranger.privateKey, jwk };
    this.#server = createServer((req, res) => {
      this.#handle(req)
        .then(({ status, headers, body }) => res.writeHead(status, headers).end(body))
        .catch((error: Error) => res.writeHead(500).end(error.message));
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async #handle(req: IncomingMessage) {
    const url = new URL(req.url ?? "/", this.url);
    const jsonOf = (body: unknown) => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const discovery = "/.well-known/openid-configuration";
    if (url.pathname.endsWith(discovery)) {
      const path = url.pathname.slice(0, -discovery.length);
      return jsonOf({
        issuer: this.discoveryIssuer(path),
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["ES256"],
      });
    }
    if (url.pathname === "/jwks") return jsonOf({ keys: [this.#keys?.jwk] });
    if (url.pathname === "/authorize") {
      const code = randomBytes(12).toString("hex");
      this.#nonces.set(code, url.searchParams.get("nonce") ?? "");
      const back = new URL(url.searchParams.get("redirect_uri") ?? "");
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      return { status: 302, headers: { location: back.href }, body: "" };
    }
    if (url.pathname === "/token") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const refusal = await this.checkClient(form);
      if (refusal) {
        this.refusedClients.push(refusal);
        return {
          status: 401,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ error: "invalid_client", error_description: refusal }),
        };
      }
      const nonce = this.#nonces.get(form.get("code") ?? "") ?? "";
      const now = Math.floor(Date.now() / 1000);
      const claims = this.tamper({
        iss: this.url,
        aud: this.clientId,
        sub: "scripted-subject",
        nonce,
        iat: now,
        exp: now + 300,
        email: "scripted@upstream.test",
        email_verified: true,
      });
      const key = this.signWithStranger ? this.#keys?.stranger : this.#keys?.own;
      const idToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: "scripted" })
        .sign(key as CryptoKey);
      return jsonOf({
        access_token: "at",
        token_type: "Bearer",
        expires_in: 300,
        id_token: idToken,
      });
    }
    return { status: 404, headers: {}, body: "" };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }
}
