import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeGitHubUser {
  id: number;
  login: string;
  name: string | null;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

async function bodyOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/**
 * A small fake of GitHub's OAuth web flow and REST API on loopback: `/login/oauth/authorize`
 * signs in `nextUser` at once and redirects back with a code (PKCE S256 remembered),
 * `/login/oauth/access_token` exchanges it once, `/user` and `/user/emails` answer for the token.
 */
export class FakeGitHub {
  readonly clientId = "Iv1.fakegithub";
  readonly clientSecret = randomBytes(20).toString("hex");
  nextUser: FakeGitHubUser | null = null;
  readonly #codes = new Map<
    string,
    { user: FakeGitHubUser; challenge: string; redirect: string }
  >();
  readonly #tokens = new Map<string, FakeGitHubUser>();
  #server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: Error) => json(res, 500, { message: error.message }));
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    if (url.pathname === "/login/oauth/authorize") {
      const q = url.searchParams;
      if (
        q.get("client_id") !== this.clientId ||
        q.get("code_challenge_method") !== "S256" ||
        !this.nextUser
      ) {
        json(res, 400, { error: "bad authorize request" });
        return;
      }
      const code = randomBytes(10).toString("hex");
      const redirect = q.get("redirect_uri") ?? "";
      this.#codes.set(code, {
        user: this.nextUser,
        challenge: q.get("code_challenge") ?? "",
        redirect,
      });
      const back = new URL(redirect);
      back.searchParams.set("code", code);
      back.searchParams.set("state", q.get("state") ?? "");
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === "/login/oauth/access_token" && req.method === "POST") {
      const form = await bodyOf(req);
      const grant = this.#codes.get(form.get("code") ?? "");
      this.#codes.delete(form.get("code") ?? "");
      const { createHash } = await import("node:crypto");
      const challenge = createHash("sha256")
        .update(form.get("code_verifier") ?? "")
        .digest("base64url");
      const ok =
        grant &&
        form.get("client_id") === this.clientId &&
        form.get("client_secret") === this.clientSecret &&
        form.get("redirect_uri") === grant.redirect &&
        challenge === grant.challenge;
      if (!ok) {
        json(res, 400, { error: "bad_verification_code" });
        return;
      }
      const token = `gho_${randomBytes(16).toString("hex")}`;
      this.#tokens.set(token, grant.user);
      json(res, 200, { access_token: token, token_type: "bearer", scope: "read:user,user:email" });
      return;
    }
    const user = this.#tokens.get((req.headers.authorization ?? "").replace(/^Bearer /i, ""));
    if (!user) {
      json(res, 401, { message: "Requires authentication" });
      return;
    }
    if (url.pathname === "/user") {
      json(res, 200, { id: user.id, login: user.login, name: user.name, avatar_url: null });
      return;
    }
    if (url.pathname === "/user/emails") {
      json(res, 200, user.emails);
      return;
    }
    json(res, 404, { message: "Not Found" });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }
}
