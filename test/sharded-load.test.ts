import { shardForUser, shardOf } from "@authpi/domain/oauth";
import * as client from "openid-client";
import { beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { HttpBrowser } from "./support/http-browser.ts";
import { sharedSystem } from "./support/shared-system.ts";

const SHARDS = 4;
const USERS = 16;
const FLOWS_PER_USER = 20;
const CONCURRENCY = 32;
const REDIRECT = "http://localhost:3000/callback";

const system = sharedSystem();
let issuerId: string;
let config: client.Configuration;
const users: { id: string; username: string; password: string }[] = [];

beforeAll(async () => {
  const issuer = await coreApi<{ id: string }>(system, "POST", "/issuers", {
    name: "sharded load",
    settings: { access: { sessions: { store_shards: SHARDS } } },
  });
  issuerId = issuer.id;
  const web = await coreApi<{ id: string; secret: string }>(
    system,
    "POST",
    `/issuers/${issuerId}/clients`,
    { name: "load web", type: "web", settings: { redirect_uris: [REDIRECT] } },
  );
  for (let i = 0; i < USERS; i++) {
    const username = `load-${i}@example.com`;
    const password = `load password ${i} ${crypto.randomUUID()}`;
    const user = await coreApi<{ id: string }>(system, "POST", `/issuers/${issuerId}/users`, {
      username_type: "email",
      username,
      password,
    });
    users.push({ id: user.id, username, password });
  }
  config = await client.discovery(
    new URL(`${system.idpUrl}/${issuerId}`),
    web.id,
    { client_secret: web.secret },
    client.ClientSecretPost(web.secret),
    { execute: [client.allowInsecureRequests] },
  );
});

/** Runs `tasks` with at most `limit` in flight. */
async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** One relying-party flow: authorize (SSO or the form), code exchange, userinfo, refresh, reuse. */
async function flow(user: (typeof users)[number], browser: HttpBrowser) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: "openid email offline_access",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
  });
  const callback = await browser.login(url.href, user.username, user.password);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  const sid = tokens.claims()?.sid as string;
  const info = await client.fetchUserInfo(config, tokens.access_token, user.id);
  const rotated = await client.refreshTokenGrant(config, tokens.refresh_token as string);
  const active = (await client.tokenIntrospection(config, rotated.access_token)).active;
  const reuse = await client.refreshTokenGrant(config, tokens.refresh_token as string).then(
    () => "accepted",
    (error: { error?: string }) => error.error,
  );
  const afterReuse = (await client.tokenIntrospection(config, rotated.access_token)).active;
  return { user: user.id, sid, sub: info.sub, active, reuse, afterReuse };
}

describe("a 4-shard issuer under a few hundred concurrent flows", () => {
  it("routes every flow to its user's shard and keeps every rule", async () => {
    // One sign-in per user first, so the rest of its flows ride the SSO session.
    const browsers = new Map(users.map((u) => [u.id, new HttpBrowser()]));
    const first = await inParallel(
      users.map((u) => () => flow(u, browsers.get(u.id) as HttpBrowser)),
      USERS,
    );
    const rest = await inParallel(
      users.flatMap((u) =>
        Array.from(
          { length: FLOWS_PER_USER - 1 },
          () => () => flow(u, browsers.get(u.id) as HttpBrowser),
        ),
      ),
      CONCURRENCY,
    );
    const flows = [...first, ...rest];
    expect(flows).toHaveLength(USERS * FLOWS_PER_USER);
    for (const f of flows) {
      expect(f).toMatchObject({ sub: f.user, active: true, reuse: "invalid_grant" });
      expect(f.afterReuse).toBe(false);
      expect(shardOf(f.sid, "id")).toBe(shardForUser(f.user, SHARDS));
    }
    expect(new Set(flows.map((f) => shardOf(f.sid, "id"))).size).toBeGreaterThan(1);

    for (const user of users) {
      const sessions = await coreApi<{ id: string; type: string; status: string }[]>(
        system,
        "GET",
        `/issuers/${issuerId}/users/${user.id}/sessions`,
      );
      const rp = sessions.filter((s) => s.type === "rp");
      expect(rp).toHaveLength(FLOWS_PER_USER);
      expect(rp.every((s) => s.status === "revoked")).toBe(true);
      expect(sessions.filter((s) => s.type === "op" && s.status === "active")).toHaveLength(1);
    }
  });
});
