import { env } from "cloudflare:workers";
import { addVerifier, CreateAgentInput, createAgent } from "@authpi/domain/agents";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import type { Seeded } from "./support/login-flow.ts";

const DB = (env as unknown as Env).DB;
// The limits in wrangler.toml: failures per client at one source, and per source.
const PER_CLIENT = 10;
const PER_SOURCE = 30;

let sourceCounter = 0;
/** A documentation address (RFC 5737) no other test uses, so windows never overlap. */
function freshIp(): string {
  sourceCounter += 1;
  return `198.51.${Math.floor(sourceCounter / 250)}.${(sourceCounter % 250) + 1}`;
}

function post(
  seeded: Seeded,
  endpoint: "token" | "introspect" | "revoke",
  ip: string,
  body: Record<string, string>,
  basic?: { id: string; secret: string },
) {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    "cf-connecting-ip": ip,
  };
  if (basic) headers.authorization = `Basic ${btoa(`${basic.id}:${basic.secret}`)}`;
  return workerFetch(`/${seeded.issuer.id}/${endpoint}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(body),
  });
}

const CC = { grant_type: "client_credentials" };

function webAuth(seeded: Seeded, secret = seeded.web.secret as string) {
  return { id: seeded.web.client.id, secret };
}

async function statusAndError(response: Response) {
  const body = (await response.json()) as { error?: string };
  return { status: response.status, error: body.error };
}

describe("throttling failed client authentication", () => {
  it(`refuses a source after ${PER_CLIENT} wrong secrets for one client, the right secret too, while the client works from elsewhere`, async () => {
    const seeded = await seedIssuer(DB);
    const attacker = freshIp();
    const wrong = webAuth(seeded, "not-the-secret");
    for (let i = 0; i < PER_CLIENT; i++) {
      expect(await statusAndError(await post(seeded, "token", attacker, CC, wrong))).toEqual({
        status: 401,
        error: "invalid_client",
      });
    }
    const refused = await post(seeded, "token", attacker, CC, wrong);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(await refused.json()).toMatchObject({ error: "rate_limited" });

    // The right secret from the attacker's source is refused before it is checked.
    const right = await post(seeded, "introspect", attacker, { token: "x" }, webAuth(seeded));
    expect(right.status).toBe(429);
    expect((await post(seeded, "revoke", attacker, { token: "x" }, webAuth(seeded))).status).toBe(
      429,
    );
    // The client's own servers, elsewhere, are not locked out.
    const elsewhere = await post(seeded, "introspect", freshIp(), { token: "x" }, webAuth(seeded));
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.json()).toEqual({ active: false });
    // Other clients at the attacker's source are under the (higher) per-source limit only.
    const spa = await post(seeded, "token", attacker, {
      grant_type: "authorization_code",
      code: "unknown",
      redirect_uri: "http://localhost:5173/callback",
      code_verifier: "v".repeat(43),
      client_id: seeded.spa.client.id,
    });
    expect(await statusAndError(spa)).toEqual({ status: 400, error: "invalid_grant" });
  });

  it(`refuses a source after ${PER_SOURCE} failures spread over many client ids`, async () => {
    const seeded = await seedIssuer(DB);
    const sprayer = freshIp();
    for (let i = 0; i < PER_SOURCE; i++) {
      const guess = { id: `cl_guess${i}`, secret: "s" };
      expect((await post(seeded, "introspect", sprayer, { token: "x" }, guess)).status).toBe(401);
    }
    const over = await post(
      seeded,
      "introspect",
      sprayer,
      { token: "x" },
      { id: "cl_x", secret: "s" },
    );
    expect(over.status).toBe(429);
    expect(
      (await post(seeded, "introspect", sprayer, { token: "x" }, webAuth(seeded))).status,
    ).toBe(429);
    expect(
      (await post(seeded, "introspect", freshIp(), { token: "x" }, webAuth(seeded))).status,
    ).toBe(200);
  });

  it("counts every address of one IPv6 /64 as one source", async () => {
    const seeded = await seedIssuer(DB);
    const wrong = webAuth(seeded, "nope");
    for (let i = 1; i <= PER_CLIENT; i++) {
      expect(
        (await post(seeded, "token", `2001:db8:7:7::${i.toString(16)}`, CC, wrong)).status,
      ).toBe(401);
    }
    expect((await post(seeded, "token", "2001:db8:7:7:ffff::1", CC, wrong)).status).toBe(429);
    expect((await post(seeded, "token", "2001:db8:7:8::1", CC, wrong)).status).toBe(401);
  });

  it("throttles agents (client_id=agt_…) the same way", async () => {
    const seeded = await seedIssuer(DB);
    const agent = await createAgent(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      CreateAgentInput.parse({ name: "bot", model: "m", provider: "p", scopes: ["a:read"] }),
    );
    const { secret } = await addVerifier(seeded.db, seeded.ctx, seeded.issuer.id, agent.id, {
      type: "secret",
    });
    const ip = freshIp();
    for (let i = 0; i < PER_CLIENT; i++) {
      expect((await post(seeded, "token", ip, CC, { id: agent.id, secret: "bad" })).status).toBe(
        401,
      );
    }
    expect((await post(seeded, "token", ip, CC, { id: agent.id, secret: "bad" })).status).toBe(429);
    const right = { id: agent.id, secret: secret as string };
    expect((await post(seeded, "token", ip, CC, right)).status).toBe(429);
    expect((await post(seeded, "token", freshIp(), CC, right)).status).toBe(200);
  });

  it("counts only failed authentication, not other errors of the same requests", async () => {
    const seeded = await seedIssuer(DB);
    const ip = freshIp();
    for (let i = 0; i < PER_SOURCE + 5; i++) {
      // Two authentication methods at once is a malformed request (RFC 6749 §2.3), not a guess.
      const twice = await post(seeded, "token", ip, { ...CC, client_secret: "x" }, webAuth(seeded));
      expect(await statusAndError(twice)).toEqual({ status: 400, error: "invalid_request" });
      const grant = await post(seeded, "token", ip, CC, webAuth(seeded));
      expect(await statusAndError(grant)).toEqual({ status: 400, error: "unauthorized_client" });
    }
  });
});
