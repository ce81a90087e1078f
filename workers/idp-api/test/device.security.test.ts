import { env } from "cloudflare:test";
import { authMethods, issuers } from "@authpi/domain/db";
import { issuerSettings } from "@authpi/domain/issuers";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq, inArray } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import {
  approveInBrowser,
  deviceClient,
  enterCode,
  poll,
  postToken,
  startOnDevice,
} from "./support/device-flow.ts";
import { discoverAs, insecure } from "./support/par-flow.ts";

const bindings = env as unknown as Env;
const UNKNOWN = "That code is not valid or has expired.";

afterEach(() => {
  vi.restoreAllMocks();
});

/** The clock `ms` from the real one (every later call moves it again). */
function clockAt(ms: number) {
  const real = Date.now.bind(Date);
  vi.spyOn(Date, "now").mockImplementation(() => real() + ms);
}

async function errorOf(response: Response) {
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, ...((await response.json()) as { error: string }) };
}

describe("device authorization grant: abuse (RFC 8628 §5)", () => {
  it("a device code is single use: the second poll after approval is invalid_grant", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const { as, started } = await startOnDevice(seeded, device);
    await approveInBrowser(seeded, started.user_code);
    const first = await oauth.processDeviceCodeResponse(
      as,
      device.oauthClient,
      await poll(as, device, started.device_code),
    );
    clockAt(10_000);
    const second = await poll(as, device, started.device_code);
    expect(await errorOf(second)).toMatchObject({ status: 400, error: "invalid_grant" });
    // The spent device code reached no code: the first tokens were not revoked as a replay.
    const info = await oauth.userInfoRequest(as, device.oauthClient, first.access_token, insecure);
    expect(info.status).toBe(200);
  });

  it("expires after 600 seconds: expired_token, and the user code stops working", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const { as, started } = await startOnDevice(seeded, device);
    clockAt(600_001);
    expect(await errorOf(await poll(as, device, started.device_code))).toMatchObject({
      error: "expired_token",
    });
    const page = await enterCode(seeded, new TestBrowser(), started.user_code);
    expect(page.status).toBe(422);
    expect(await page.text()).toContain(UNKNOWN);
  });

  it("polling faster than the interval is slow_down, and each one adds 5 seconds", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const { as, started } = await startOnDevice(seeded, device);
    const real = Date.now.bind(Date);
    let offset = 0;
    vi.spyOn(Date, "now").mockImplementation(() => real() + offset);
    const at = async (ms: number) => {
      offset = ms;
      return (await errorOf(await poll(as, device, started.device_code))).error;
    };
    expect(await at(0)).toBe("authorization_pending");
    expect(await at(1_000)).toBe("slow_down");
    // The interval is now 10 s from the last poll: 6 s later is still too fast (15 s next).
    expect(await at(7_000)).toBe("slow_down");
    expect(await at(22_500)).toBe("authorization_pending");
  });

  it("another client's poll with the device code is invalid_grant and changes nothing", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const thief = await deviceClient(seeded);
    const { as, started } = await startOnDevice(seeded, device);
    await approveInBrowser(seeded, started.user_code);
    for (let i = 0; i < 2; i++) {
      const stolen = await poll(as, thief, started.device_code);
      expect(await errorOf(stolen)).toMatchObject({ error: "invalid_grant" });
    }
    const other = await seedIssuer(bindings.DB);
    const elsewhere = await postToken(other, {
      client_id: device.client.id,
      device_code: started.device_code,
    });
    expect((await errorOf(elsewhere)).status).toBeGreaterThanOrEqual(400);
    const mine = await poll(as, device, started.device_code);
    expect(mine.status).toBe(200);
  });

  it("denied on the confirmation page: access_denied on every later poll", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const { as, started } = await startOnDevice(seeded, device);
    const { done } = await approveInBrowser(seeded, started.user_code, "deny");
    expect(await done.text()).toContain("Device not connected");
    await expect(
      oauth.processDeviceCodeResponse(
        as,
        device.oauthClient,
        await poll(as, device, started.device_code),
      ),
    ).rejects.toMatchObject({ error: "access_denied" });
    clockAt(10_000);
    expect(await errorOf(await poll(as, device, started.device_code))).toMatchObject({
      error: "access_denied",
    });
    expect(await (await enterCode(seeded, new TestBrowser(), started.user_code)).text()).toContain(
      UNKNOWN,
    );
  });

  it("a confirmation form works once: a replayed Allow is refused", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const { started } = await startOnDevice(seeded, device);
    const { confirmPage, browser } = await approveInBrowser(seeded, started.user_code);
    const requestId = /name="request_id" value="([^"]+)"/.exec(confirmPage)?.[1] ?? "";
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(confirmPage)?.[1] ?? "";
    const replay = await browser.fetch(`/${seeded.issuer.id}/device/confirm`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ request_id: requestId, csrf_token: csrf, decision: "allow" }),
    });
    expect(replay.status).toBe(400);
  });

  it("wrong and malformed user codes get one generic answer", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    await startOnDevice(seeded, device);
    for (const typed of ["BCDF-GHJK", "AEIO-UAEI", "x", "BCDFGHJKL"]) {
      const page = await enterCode(seeded, new TestBrowser({ ip: "198.51.100.7" }), typed);
      expect(page.status).toBe(422);
      expect(await page.text()).toContain(UNKNOWN);
    }
  });

  it("user-code guessing is throttled per source address, even for the right code", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const { started } = await startOnDevice(seeded, device);
    const guesser = new TestBrowser({ ip: "203.0.113.9" });
    for (let i = 0; i < 10; i++) {
      expect((await enterCode(seeded, guesser, "BCDF-BCDF")).status).toBe(422);
    }
    const blocked = await enterCode(seeded, guesser, started.user_code);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    const elsewhere = await enterCode(
      seeded,
      new TestBrowser({ ip: "192.0.2.1" }),
      started.user_code,
    );
    expect(elsewhere.status).toBe(200);
  });

  it("user-code guessing is throttled for the whole issuer, from any number of sources", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const { started } = await startOnDevice(seeded, device);
    for (let source = 0; source < 20; source++) {
      const browser = new TestBrowser({ ip: `10.0.${source}.1` });
      for (let i = 0; i < 10; i++) await enterCode(seeded, browser, "BCDF-BCDF");
    }
    const fresh = await enterCode(seeded, new TestBrowser({ ip: "10.9.9.9" }), started.user_code);
    expect(fresh.status).toBe(429);
  });

  it("a client without the device grant is unauthorized_client at both endpoints", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const plain = await deviceClient(seeded, { grants: ["authorization_code"] });
    const as = await discoverAs(seeded);
    const start = await oauth.deviceAuthorizationRequest(
      as,
      plain.oauthClient,
      plain.auth,
      {},
      insecure,
    );
    expect(await errorOf(start)).toMatchObject({ status: 400, error: "unauthorized_client" });
    const device = await deviceClient(seeded);
    const { started } = await startOnDevice(seeded, device);
    const other = await poll(as, plain, started.device_code);
    expect(await errorOf(other)).toMatchObject({ error: "unauthorized_client" });
  });

  it("a confidential client must authenticate, and a scope it may not have is refused", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded, { type: "web" });
    const as = await discoverAs(seeded);
    const noSecret = await oauth.deviceAuthorizationRequest(
      as,
      device.oauthClient,
      oauth.ClientSecretBasic("wrong"),
      {},
      insecure,
    );
    expect(await errorOf(noSecret)).toMatchObject({ status: 401, error: "invalid_client" });
    const wide = await oauth.deviceAuthorizationRequest(
      as,
      device.oauthClient,
      device.auth,
      { scope: "openid admin:everything" },
      insecure,
    );
    expect(await errorOf(wide)).toMatchObject({ error: "invalid_scope" });
  });

  it("a sign-in that cannot meet required MFA ends on a page, never redirected, nothing approved", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await seeded.db
      .update(issuers)
      .set({ settings: issuerSettings({ authentication: { second_factor: "required" } }) })
      .where(eq(issuers.id, seeded.issuer.id));
    await seeded.db
      .update(authMethods)
      .set({ enabled: false })
      .where(
        and(
          eq(authMethods.issuerId, seeded.issuer.id),
          inArray(authMethods.method, ["totp_app", "webauthn"]),
        ),
      );
    const device = await deviceClient(seeded);
    const { as, started } = await startOnDevice(seeded, device);
    const browser = new TestBrowser();
    const login = await (await enterCode(seeded, browser, started.user_code)).text();
    const refused = await browser.submitLogin(
      seeded.issuer.id,
      login,
      "alice@example.com",
      seeded.password,
    );
    expect(refused.status).toBe(403);
    expect(refused.headers.get("location")).toBeNull();
    expect(await errorOf(await poll(as, device, started.device_code))).toMatchObject({
      error: "authorization_pending",
    });
  });
});
