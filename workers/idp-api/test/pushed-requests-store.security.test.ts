import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import type { Env } from "../src/env.ts";

const { ISSUER_STORE } = env as unknown as Env;

function freshStore() {
  return ISSUER_STORE.get(ISSUER_STORE.idFromName(crypto.randomUUID()));
}

describe("pushed requests in the issuer store: single use, client binding, clean-up", () => {
  it("gives a request once to its client; another client neither gets nor spends it", async () => {
    const store = freshStore();
    const now = Date.now();
    await store.savePushedRequest("hash-a", "c_owner", "sealed", now + 60_000);
    expect(await store.consumePushedRequest("hash-a", "c_other", now)).toEqual({
      status: "client",
    });
    expect(await store.consumePushedRequest("hash-a", "c_owner", now)).toEqual({
      status: "ok",
      payload: "sealed",
    });
    expect(await store.consumePushedRequest("hash-a", "c_owner", now)).toEqual({
      status: "replayed",
    });
    expect(await store.consumePushedRequest("hash-b", "c_owner", now)).toEqual({
      status: "unknown",
    });
  });

  it("refuses a late take, keeps no payload once taken, and the alarm removes expired rows", async () => {
    const store = freshStore();
    const now = Date.now();
    await store.savePushedRequest("hash-live", "c_1", "sealed-live", now + 60_000);
    await store.savePushedRequest("hash-late", "c_1", "sealed-late", now - 1);
    expect(await store.consumePushedRequest("hash-late", "c_1", now)).toEqual({
      status: "expired",
    });
    const rows = () =>
      runInDurableObject(store, (_instance, state) =>
        state.storage.sql.exec("SELECT uri_hash, payload FROM pushed_requests").toArray(),
      );
    // The save of an already expired row set the alarm to now: clean-up leaves the live one.
    await vi.waitFor(async () =>
      expect(await rows()).toEqual([{ uri_hash: "hash-live", payload: "sealed-live" }]),
    );
  });
});
