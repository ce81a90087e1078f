import { env } from "cloudflare:workers";
import { refreshHandleKey, signJwt } from "@authpi/domain/tokens";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { keyRing } from "../src/key-ring.ts";
import { issuerUrl, type Seeded } from "./support/login-flow.ts";
import { exchange, introspect, obtainCode, postForm } from "./support/raw-flow.ts";

const bindings = env as unknown as Env;

async function signIn(seeded: Seeded) {
  const got = await obtainCode(seeded, { scope: "openid email offline_access" });
  return (await (await exchange(seeded, got)).json()) as { refresh_token: string };
}

function refresh(seeded: Seeded, token: string, scope?: string) {
  return postForm(
    `/${seeded.issuer.id}/token`,
    { grant_type: "refresh_token", refresh_token: token, ...(scope ? { scope } : {}) },
    { id: seeded.web.client.id, secret: seeded.web.secret },
  );
}

describe("opaque refresh handles (docs/decisions/token-paths.md)", () => {
  it("refuses a handle whose session part or secret was changed", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { refresh_token } = await signIn(seeded);
    const [head, secret] = refresh_token.split(".") as [string, string];
    const otherSecret = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    for (const forged of [`${head}.${otherSecret}`, `rt_s_0000000000000000000000000.${secret}`]) {
      const response = await refresh(seeded, forged);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_grant" });
    }
    expect((await refresh(seeded, refresh_token)).status).toBe(200);
  });

  it("a replayed handle ends the family, its successor included", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { refresh_token } = await signIn(seeded);
    const next = (await (await refresh(seeded, refresh_token)).json()) as { refresh_token: string };
    expect((await refresh(seeded, refresh_token)).status).toBe(400);
    expect(await introspect(seeded, next.refresh_token)).toEqual({ active: false });
    expect((await refresh(seeded, next.refresh_token)).status).toBe(400);
  });

  it("a wider scope is refused without spending the handle", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { refresh_token } = await signIn(seeded);
    const wider = await refresh(seeded, refresh_token, "openid email profile");
    expect(await wider.json()).toMatchObject({ error: "invalid_scope" });
    const narrowed = await refresh(seeded, refresh_token, "openid");
    expect(narrowed.status).toBe(200);
    expect(await narrowed.json()).toMatchObject({ scope: "openid" });
  });

  it("a refresh JWT issued before handles still rotates, once, into a handle", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { refresh_token } = await signIn(seeded);
    const sid = (refresh_token.split(".")[0] as string).slice("rt_".length);
    const now = Date.now();
    // The family filed under a legacy token's jti, as the store had it before handles.
    const legacy = await signJwt(await keyRing(bindings, seeded.issuer.id, now), "ES256", {
      iss: issuerUrl(seeded),
      sub: seeded.user.id,
      aud: seeded.web.client.id,
      exp: Math.floor(now / 1000) + 3600,
      iat: Math.floor(now / 1000),
      jti: await refreshHandleKey(refresh_token),
      sid,
      client_id: seeded.web.client.id,
      scope: "openid email offline_access",
    });
    const rotated = await refresh(seeded, legacy);
    expect(rotated.status).toBe(200);
    const body = (await rotated.json()) as { refresh_token: string };
    expect(body.refresh_token.startsWith(`rt_${sid}.`)).toBe(true);
    expect((await refresh(seeded, legacy)).status).toBe(400);
  });
});
