import { env } from "cloudflare:workers";
import { shardForUser, shardOf } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import { issuerShardOf } from "@authpi/testkit/many-sessions";
import { countPlacingOffHome, setStoreShards } from "@authpi/testkit/shards";
import * as oauth from "oauth4webapi";
import { afterEach, describe, expect, it, vi } from "vitest";
import { approveInBrowser, deviceClient, poll, startOnDevice } from "./support/device-flow.ts";
import { insecure } from "./support/par-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the device flow on an issuer whose sessions are spread over shards", () => {
  it("keeps the device code home and the approved sign-in's tokens in the user's shard", async () => {
    const seeded = await seedIssuer(DB);
    const count = countPlacingOffHome(seeded.user.id);
    await setStoreShards(seeded, count);
    const shard = shardForUser(seeded.user.id, count);
    expect(shard).not.toBe(0);
    // Past the IdP's 30 s issuer cache, so the sign-in sees the shard count.
    const real = Date.now.bind(Date);
    vi.spyOn(Date, "now").mockImplementation(() => real() + 31_000);

    const device = await deviceClient(seeded);
    const { as, started } = await startOnDevice(seeded, device, "openid offline_access");
    await approveInBrowser(seeded, started.user_code);
    const tokens = await oauth.processDeviceCodeResponse(
      as,
      device.oauthClient,
      await poll(as, device, started.device_code),
    );
    const sid = oauth.getValidatedIdTokenClaims(tokens)?.sid as string;
    expect(shardOf(sid, "id")).toBe(shard);
    expect(await issuerShardOf(seeded.issuer.id, shard).getSession(sid, Date.now())).not.toBeNull();
    const info = await oauth.userInfoRequest(as, device.oauthClient, tokens.access_token, insecure);
    expect(info.status).toBe(200);
    const refreshed = await oauth.refreshTokenGrantRequest(
      as,
      device.oauthClient,
      device.auth,
      tokens.refresh_token as string,
      insecure,
    );
    expect(refreshed.status).toBe(200);
  });
});
