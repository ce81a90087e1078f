import { env } from "cloudflare:workers";
import { shardOf } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import { countPlacingOffHome, setStoreShards } from "@authpi/testkit/shards";
import { beforeAll, describe, expect, it } from "vitest";
import { ROUND_TRIP_COUNTS } from "./round-trip-counts.ts";
import { CountingWorker, type RequestCounts } from "./support/counting-env.ts";
import type { Seeded } from "./support/login-flow.ts";
import { obtainCode } from "./support/raw-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
const SCOPE = "openid profile email offline_access";

/**
 * Sharding adds no round trip: on an issuer with several shards each token path still makes the
 * one Durable Object call of round-trip-counts.ts, to the shard its handle names, and no D1 read
 * of the shard count (docs/decisions/sharding.md).
 */
describe("round trips per warm request on a sharded issuer", () => {
  let seeded: Seeded;
  let worker: CountingWorker;

  async function ok(path: string, body: Record<string, string>, bearer?: string) {
    const headers: Record<string, string> = bearer
      ? { authorization: `Bearer ${bearer}` }
      : {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${btoa(`${seeded.web.client.id}:${seeded.web.secret}`)}`,
        };
    const init: RequestInit = bearer
      ? { headers }
      : { method: "POST", headers, body: new URLSearchParams(body) };
    const { response, counts } = await worker.fetch(path, init);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    return { body: JSON.parse(text) as Record<string, string>, counts };
  }

  async function exchange(): Promise<{ body: Record<string, string>; counts: RequestCounts }> {
    const got = await obtainCode(seeded, { scope: SCOPE });
    expect(shardOf(got.code, "token")).not.toBe(0);
    return ok(`/${seeded.issuer.id}/token`, {
      grant_type: "authorization_code",
      code: got.code,
      redirect_uri: got.redirectUri,
      code_verifier: got.verifier,
    });
  }

  beforeAll(async () => {
    seeded = await seedIssuer(DB);
    await setStoreShards(seeded, countPlacingOffHome(seeded.user.id));
    worker = new CountingWorker();
    await exchange();
  });

  it("code exchange, refresh, userinfo and introspection: one DO call each, as with one shard", async () => {
    const code = await exchange();
    expect(code.counts).toEqual(ROUND_TRIP_COUNTS.authorization_code);
    const refresh = (token: string) =>
      ok(`/${seeded.issuer.id}/token`, { grant_type: "refresh_token", refresh_token: token });
    const rotated = await refresh(code.body.refresh_token as string);
    expect((await refresh(rotated.body.refresh_token as string)).counts).toEqual(
      ROUND_TRIP_COUNTS.refresh_token,
    );
    const access = code.body.access_token as string;
    await ok(`/${seeded.issuer.id}/userinfo`, {}, access);
    expect((await ok(`/${seeded.issuer.id}/userinfo`, {}, access)).counts).toEqual(
      ROUND_TRIP_COUNTS.userinfo,
    );
    const introspected = await ok(`/${seeded.issuer.id}/introspect`, { token: access });
    expect(introspected.counts).toEqual(ROUND_TRIP_COUNTS.introspection);
  });
});
