import { env } from "cloudflare:workers";
import { inShard, MAX_SHARDS, shardOf } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import { countPlacingOffHome, setStoreShards } from "@authpi/testkit/shards";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { loginWithCode } from "./support/login-flow.ts";
import { exchange, obtainCode } from "./support/raw-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

/** The handle with its shard tag replaced by `shard`'s (or removed, for shard 0). */
function retag(handle: string, kind: "id" | "token", shard: number): string {
  const bare = shardOf(handle, kind) === 0 ? handle : handle.slice(0, -3);
  return inShard(bare, kind, shard);
}

describe("a shard tag routes a handle but grants nothing", () => {
  it("a code retagged for another shard is no code, and the real one still works once", async () => {
    const seeded = await seedIssuer(DB);
    await setStoreShards(seeded, countPlacingOffHome(seeded.user.id));
    const got = await obtainCode(seeded);
    const shard = shardOf(got.code, "token");
    expect(shard).not.toBe(0);
    for (const other of [0, (shard + 1) % 4, MAX_SHARDS - 1]) {
      const forged = await exchange(seeded, { ...got, code: retag(got.code, "token", other) });
      expect(forged.status).toBe(400);
      expect(((await forged.json()) as { error: string }).error).toBe("invalid_grant");
    }
    expect((await exchange(seeded, got)).status).toBe(200);
  });

  it("a session cookie retagged for another shard signs nobody in", async () => {
    const seeded = await seedIssuer(DB);
    await setStoreShards(seeded, countPlacingOffHome(seeded.user.id));
    const { browser, config } = await loginWithCode(seeded);
    const cookie = browser.cookies.get("authpi_session") as string;
    const [id = "", secret = ""] = cookie.split(".");
    expect(shardOf(id, "id")).not.toBe(0);
    const silent = client.buildAuthorizationUrl(config, {
      redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
      scope: "openid",
      prompt: "none",
      state: "s",
    }).href;
    const errorOf = async () =>
      new URL((await browser.fetch(silent)).headers.get("location") as string).searchParams.get(
        "error",
      );
    expect(await errorOf()).toBeNull();
    for (const other of [0, shardOf(id, "id") + 1, MAX_SHARDS - 1]) {
      browser.cookies.set("authpi_session", `${retag(id, "id", other)}.${secret}`);
      expect(await errorOf()).toBe("login_required");
    }
  });
});
