import { env, runInDurableObject } from "cloudflare:test";
import type { DeviceCodeRecord } from "@authpi/domain/oauth";
import { describe, expect, it, vi } from "vitest";
import type { Env } from "../src/env.ts";

const { ISSUER_STORE } = env as unknown as Env;

function freshStore() {
  return ISSUER_STORE.get(ISSUER_STORE.idFromName(crypto.randomUUID()));
}

function record(overrides: Partial<DeviceCodeRecord> = {}): DeviceCodeRecord {
  return {
    deviceHash: "device-a",
    userCodeHash: "user-a",
    clientId: "c_tv",
    scope: "openid",
    intervalS: 5,
    expiresAt: Date.now() + 600_000,
    ...overrides,
  };
}

describe("device codes in the issuer store: one answer, one hand-out, unique user codes", () => {
  it("refuses a user code a live request holds, and reuses one whose holder expired", async () => {
    const store = freshStore();
    const now = Date.now();
    expect(await store.saveDeviceCode(record(), now)).toBe(true);
    expect(await store.saveDeviceCode(record({ deviceHash: "device-b" }), now)).toBe(false);
    const late = now + 600_001;
    const reused = record({ deviceHash: "device-c", expiresAt: late + 600_000 });
    expect(await store.saveDeviceCode(reused, late)).toBe(true);
    expect(await store.findDeviceCode("user-a", late)).toMatchObject({ deviceHash: "device-c" });
  });

  it("takes the first answer only, and a decided request is no longer found by its user code", async () => {
    const store = freshStore();
    const now = Date.now();
    await store.saveDeviceCode(record(), now);
    expect(await store.decideDeviceCode("device-a", { approved: false }, now)).toBe(true);
    expect(await store.decideDeviceCode("device-a", { approved: true, codeKey: "key" }, now)).toBe(
      false,
    );
    expect(await store.findDeviceCode("user-a", now)).toBeNull();
    expect(await store.pollDeviceCode("device-a", "c_tv", now)).toEqual({ status: "denied" });
  });

  it("hands an approval out once, to its client only, and never after expiry", async () => {
    const store = freshStore();
    const now = Date.now();
    await store.saveDeviceCode(record(), now);
    await store.saveDeviceCode(record({ deviceHash: "device-x", userCodeHash: "user-x" }), now);
    await store.decideDeviceCode("device-a", { approved: true, codeKey: "code-key" }, now);
    await store.decideDeviceCode("device-x", { approved: true, codeKey: "other-key" }, now);
    expect(await store.pollDeviceCode("device-a", "c_thief", now)).toEqual({ status: "invalid" });
    expect(await store.pollDeviceCode("device-a", "c_tv", now)).toEqual({
      status: "approved",
      codeKey: "code-key",
    });
    expect(await store.pollDeviceCode("device-a", "c_tv", now + 10_000)).toEqual({
      status: "invalid",
    });
    expect(await store.pollDeviceCode("device-x", "c_tv", now + 700_000)).toEqual({
      status: "expired",
    });
    expect(await store.decideDeviceCode("device-unknown", { approved: false }, now)).toBe(false);
  });

  it("the clean-up alarm deletes expired requests", async () => {
    const store = freshStore();
    const now = Date.now();
    await store.saveDeviceCode(record({ deviceHash: "live", userCodeHash: "u-live" }), now);
    await store.saveDeviceCode(
      record({ deviceHash: "late", userCodeHash: "u-late", expiresAt: now - 1 }),
      now,
    );
    const rows = () =>
      runInDurableObject(store, (_instance, state) =>
        state.storage.sql.exec("SELECT device_hash FROM device_codes").toArray(),
      );
    await vi.waitFor(async () => expect(await rows()).toEqual([{ device_hash: "live" }]));
  });
});
