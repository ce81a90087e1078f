import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import type { Seeded } from "./support/login-flow.ts";
import { exchange, obtainCode, postForm } from "./support/raw-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
const A = "https://api.example.com/a";
const B = "https://api.example.com/b";
const C = "https://api.example.com/c";

async function codeFor(seeded: Seeded) {
  return obtainCode(seeded, {
    scope: "openid offline_access",
    extra: [
      ["resource", A],
      ["resource", B],
    ],
  });
}

async function tokensOf(response: Response) {
  const body = (await response.json()) as Record<string, string>;
  return {
    status: response.status,
    body,
    aud: body.access_token ? decodeJwt(body.access_token).aud : null,
  };
}

describe("resource indicators at the token endpoint (RFC 8707 §2.2)", () => {
  it("gives the code's access token every granted resource, or the one asked for", async () => {
    const seeded = await seedIssuer(DB);
    const all = await tokensOf(await exchange(seeded, await codeFor(seeded)));
    expect(all.status).toBe(200);
    expect(all.aud).toEqual([A, B]);
    const one = await tokensOf(await exchange(seeded, await codeFor(seeded), { resource: B }));
    expect(one.status).toBe(200);
    expect(one.aud).toBe(B);
  });

  it("refuses a resource outside the grant with invalid_target, at the code and at refresh", async () => {
    const seeded = await seedIssuer(DB);
    const refused = await tokensOf(await exchange(seeded, await codeFor(seeded), { resource: C }));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("invalid_target");

    const granted = await tokensOf(await exchange(seeded, await codeFor(seeded)));
    const refresh = (resource: string) =>
      postForm(
        `/${seeded.issuer.id}/token`,
        {
          grant_type: "refresh_token",
          refresh_token: granted.body.refresh_token as string,
          resource,
        },
        { id: seeded.web.client.id, secret: seeded.web.secret },
      );
    const wider = await tokensOf(await refresh(C));
    expect(wider.status).toBe(400);
    expect(wider.body.error).toBe("invalid_target");
    // Nothing was spent: the same refresh token still works, narrowed to one resource.
    const narrowed = await tokensOf(await refresh(A));
    expect(narrowed.status).toBe(200);
    expect(narrowed.aud).toBe(A);
  });
});
